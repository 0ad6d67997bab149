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
import org.xai4j.constraint.ConstrainedStep;
import org.xai4j.report.CsvTable;
import org.xai4j.run.RunFolder;
import org.xai4j.testing.FiniteDifferences;
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

    @Test
    void theUiListensOnLoopbackOnlyUnlessAskedAndRefusesABusyPortOrAMissingRun(@TempDir Path dir) throws Exception {
        Path run = new TrainingRun(TinyRuns.config(1), dir, "ui-host", null,
                new PrintStream(PrintStream.nullOutputStream())).execute().folder().dir();
        java.net.InetAddress external = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
                .stream().flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress()).findFirst().orElse(null);
        try (TrainingUi ui = TrainingUi.serve(run, 0)) {
            assertThat(ui.url()).startsWith("http://localhost:");
            assertThat(answers("127.0.0.1", ui.port())).isTrue();
            if (external != null) {
                assertThat(answers(external.getHostAddress(), ui.port())).as("not on " + external).isFalse();
            }
            try (java.net.ServerSocket busy = new java.net.ServerSocket(0)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingUi.serve(run, busy.getLocalPort()))
                        .hasMessageContaining("--port " + busy.getLocalPort() + ": the UI cannot listen");
            }
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingUi.serve(dir.resolve("nope"), 0))
                .hasMessageContaining("--run: run folder " + dir.resolve("nope") + " not found");
        if (external != null) {
            try (TrainingUi open = TrainingUi.serve(run, "0.0.0.0", 0)) {
                assertThat(answers(external.getHostAddress(), open.port())).as("opened deliberately").isTrue();
            }
        }
    }

    /**
     * A kill while DL4J writes its MapDB statistics file can leave it unreadable (it is not written atomically):
     * {@code xai4j ui} names the file, and resuming the run sets it aside and records afresh instead of failing.
     */
    @Test
    void anUnreadableStatisticsFileIsNamedByTheUiAndSetAsideOnResume(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("tiny.yaml"), TinyRuns.yaml(2));
        assertThat(org.xai4j.cli.Main.run("train", "--config", config.toString(), "--checkpoints", dir.toString(),
                "--name", "torn", "--set", "train.epochs=1")).isZero();
        Path run = dir.resolve("torn");
        Path stats = run.resolve(UiStatsListener.FILE);
        byte[] torn = java.util.Arrays.copyOf(Files.readAllBytes(stats), 4096);
        java.util.Arrays.fill(torn, 100, torn.length, (byte) 0x5a);
        Files.write(stats, torn);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingUi.serve(run, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(stats.toString())
                .hasMessageContaining("cannot be opened");

        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(log, true));
        try {
            assertThat(org.xai4j.cli.Main.run("train", "--resume", run.resolve(RunFolder.LAST).toString(),
                    "--checkpoints", dir.toString(), "--set", "train.epochs=2")).isZero();
        } finally {
            System.setOut(out);
        }
        assertThat(log.toString()).contains("could not be read").contains(UiStatsListener.FILE + ".unreadable");
        assertThat(run.resolve(UiStatsListener.FILE + ".unreadable")).hasBinaryContent(torn);
        assertThat(CsvTable.read(run.resolve(RunFolder.METRICS)).rows()).as("no epoch lost").hasSize(2);
        try (TrainingUi ui = TrainingUi.serve(run, 0)) {
            HttpResponse<String> data = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + ui.port() + "/train/overview/data")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(data.body()).as("the resumed epoch's statistics").contains("\"scores\"");
        }
    }

    private static boolean answers(String host, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(host, port), 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aConstrainedRunChartsEachLossPartAsASessionOfItsOwn(@TempDir Path dir) throws Exception {
        FiniteDifferences.singleThreaded();
        TrainingRun.Outcome run = new TrainingRun(TinyRuns.config(1, "train.ui=true", "train.statsEvery=1",
                "train.constraint.enabled=true", "train.constraint.attribution=ixg", "train.constraint.scale=100",
                "train.constraint.difference=forward"), dir, "ui-parts", null,
                new PrintStream(PrintStream.nullOutputStream())).execute();
        CsvTable metrics = CsvTable.read(run.folder().resolve(RunFolder.METRICS));
        try (TrainingUi ui = TrainingUi.serve(run.folder().dir(), 0)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://localhost:" + ui.port() + "/train";
            String sessions = get(http, base + "/sessions/info");
            java.util.List<String> ids = new java.util.ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(sessions).fieldNames().forEachRemaining(ids::add);
            assertThat(ids).as("the run and its two loss parts are sessions").hasSize(3);
            String main = ids.stream().filter(id -> ids.contains(UiStatsListener.partSession(id, ConstrainedStep.PART))
                    && ids.contains(UiStatsListener.partSession(id, "wbce"))).findFirst().orElseThrow();
            String constraintSession = UiStatsListener.partSession(main, ConstrainedStep.PART);
            assertThat(get(http, base + "/sessions/current")).as("the UI opens on the run's own session").isEqualTo(main);

            double epochMean = Double.parseDouble(metrics.rows().get(0).get(metrics.header().indexOf("train_constraint")));
            double[] scores = scores(overview(http, base, constraintSession));
            assertThat(scores).as("one constraint score per iteration").hasSize(4);
            assertThat(java.util.Arrays.stream(scores).average().orElseThrow()).as("their mean is the CSV's epoch mean")
                    .isCloseTo(epochMean, org.assertj.core.api.Assertions.within(1e-6 * Math.max(1, epochMean)));
            double[] totals = scores(overview(http, base, main));
            double[] wbce = scores(overview(http, base, UiStatsListener.partSession(main, "wbce")));
            for (int i = 0; i < totals.length; i++) {
                assertThat(wbce[i] + scores[i]).as("parts add up to the run's score").isCloseTo(totals[i],
                        org.assertj.core.api.Assertions.within(1e-5 * Math.max(1, totals[i])));
            }
        }
    }

    /** The overview data of a session, selected as the UI's session selector does. */
    private static String overview(HttpClient http, String base, String session) throws Exception {
        get(http, base + "/sessions/set/" + session);
        assertThat(get(http, base + "/sessions/current")).contains(session);
        return get(http, base + "/overview/data");
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    /** The {@code "scores"} array of an overview page's JSON. */
    private static double[] scores(String json) throws Exception {
        com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)
                .get("scores");
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }
}
