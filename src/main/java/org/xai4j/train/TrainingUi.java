package org.xai4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

/**
 * Serves a run's recorded DL4J UI statistics ({@link UiStatsListener#FILE}) with DL4J's own UI server
 * (Vert.x): overview, model and system pages under {@code /train}. One server per JVM (a DL4J limit).
 */
public final class TrainingUi implements AutoCloseable {
    private final VertxUIServer server;
    private final FileStatsStorage storage;

    private TrainingUi(VertxUIServer server, FileStatsStorage storage) {
        this.server = server;
        this.storage = storage;
    }

    /**
     * Starts the UI on {@code port} (0 picks a free one) and attaches a run's statistics.
     *
     * @param runDir a run folder holding {@link UiStatsListener#FILE}
     */
    public static TrainingUi serve(Path runDir, int port) {
        Path stats = runDir.resolve(UiStatsListener.FILE);
        if (!Files.isRegularFile(stats)) {
            throw new IllegalArgumentException("run " + runDir + " has no UI statistics (" + stats
                    + " not found; train with train.ui: true)");
        }
        int p = port == 0 ? freePort() : port;
        VertxUIServer server = VertxUIServer.getInstance(p, false, null);
        FileStatsStorage storage = new FileStatsStorage(stats.toFile());
        server.attach(storage);
        return new TrainingUi(server, storage);
    }

    public int port() {
        return server.getPort();
    }

    /** The overview page's URL. */
    public String url() {
        return "http://localhost:" + port() + "/train/overview";
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
