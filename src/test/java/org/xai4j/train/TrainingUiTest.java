package org.xai4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.testing.TinyRuns;

/** Trains a tiny run with UI statistics, serves them with the real DL4J UI server and fetches pages over HTTP. */
class TrainingUiTest {
    @Test
    void theUiServesARunsStatisticsOverHttp(@TempDir Path dir) throws Exception {
        TrainingRun.Outcome run = new TrainingRun(TinyRuns.config(1), dir, "ui", null,
                new PrintStream(PrintStream.nullOutputStream())).execute();
        assertThat(Files.size(run.folder().resolve(UiStatsListener.FILE))).isPositive();

        try (TrainingUi ui = TrainingUi.serve(run.folder().dir(), 0)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(ui.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<html").containsIgnoringCase("overview");

            String base = "http://localhost:" + ui.port() + "/train";
            HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(base + "/sessions/current"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(session.body()).as("the run's session is attached").isNotBlank();
            HttpResponse<String> data = http.send(HttpRequest.newBuilder(URI.create(base + "/overview/data"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(data.statusCode()).isEqualTo(200);
            assertThat(data.body()).as("scores of the recorded iterations").contains("\"scores\"");
        }
    }
}
