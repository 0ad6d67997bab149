package org.xai4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

/**
 * Serves a run's recorded DL4J UI statistics ({@link UiStatsListener#FILE}) with DL4J's own UI server
 * (Vert.x): overview, model and system pages under {@code /train}. One server per JVM (a DL4J limit).
 *
 * <p>Address: DL4J's server listens on every network interface and has no option to choose one. xai4j deploys the
 * same server verticle itself ({@link HostBoundVertx}) so that its HTTP server is created with a host:
 * {@value #LOOPBACK} by default, reachable from this machine only; another host (e.g. {@code 0.0.0.0}) opens the
 * statistics, which hold the run's configuration and model, to the network, and the CLI warns about it.
 */
public final class TrainingUi implements AutoCloseable {
    private final VertxUIServer server;
    private final FileStatsStorage storage;

    private TrainingUi(VertxUIServer server, FileStatsStorage storage, String host) {
        this.server = server;
        this.storage = storage;
        this.host = host;
    }

    /** The default address: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";

    private final String host;

    /** Starts the UI on {@value #LOOPBACK}; see {@link #serve(Path, String, int)}. */
    public static TrainingUi serve(Path runDir, int port) {
        return serve(runDir, LOOPBACK, port);
    }

    /**
     * Starts the UI on {@code host:port} (port 0 picks a free one) and attaches a run's statistics.
     *
     * @param runDir a run folder holding {@link UiStatsListener#FILE}
     * @throws IllegalArgumentException when the run folder or its statistics are missing, or the port is taken
     */
    public static TrainingUi serve(Path runDir, String host, int port) {
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException("--run: run folder " + runDir + " not found");
        }
        Path stats = runDir.resolve(UiStatsListener.FILE);
        if (!Files.isRegularFile(stats)) {
            throw new IllegalArgumentException("run " + runDir + " has no UI statistics (" + stats
                    + " not found; train with train.ui: true)");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("--port: must be in [0, 65535], got " + port);
        }
        int p = port == 0 ? freePort() : port;
        VertxUIServer server = HostBoundVertx.deployUi(host, p);
        FileStatsStorage storage;
        try {
            storage = new FileStatsStorage(stats.toFile());
        } catch (RuntimeException e) {
            stopQuietly(server);
            throw new IllegalArgumentException("run " + runDir + ": the UI statistics " + stats + " cannot be opened ("
                    + e.getMessage() + "); if no other process has them open they are unreadable (a kill while they "
                    + "were written), and resuming the run with train.ui: true sets them aside and starts afresh");
        }
        server.attach(storage);
        TrainingUi ui = new TrainingUi(server, storage, host);
        ui.openRunSession();
        return ui;
    }

    private static void stopQuietly(VertxUIServer server) {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the error that made us stop is the one to report
        }
    }

    /**
     * Shows the run's own session first. DL4J opens on the session whose first record is newest, which in a run
     * with loss parts is a part's score-only session ({@code <session>-<part>}, written after the run's own); the
     * run's session is the one every other session's id extends.
     */
    private void openRunSession() {
        List<String> ids = storage.listSessionIDs();
        String own = ids.stream().filter(id -> ids.stream().allMatch(o -> o.equals(id) || o.startsWith(id + "-")))
                .findFirst().orElse(null);
        if (own == null || ids.size() < 2) {
            return;
        }
        String local = host.equals("0.0.0.0") || host.equals("::") ? LOOPBACK : host;
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + local + ":" + port()
                    + "/train/sessions/set/" + own)).GET().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the UI still works; it opens on another session, which the session selector can change
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int port() {
        return server.getPort();
    }

    /** The overview page's URL. */
    public String url() {
        String shown = host.equals(LOOPBACK) || host.equals("localhost") ? "localhost"
                : host.equals("0.0.0.0") ? "<this machine's address>" : host;
        return "http://" + shown + ":" + port() + "/train/overview";
    }

    @Override
    public void close() {
        try {
            server.detach(storage);
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            storage.close();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the UI: " + e.getMessage(), e);
        }
    }
}
