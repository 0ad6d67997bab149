package org.xai4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xai4j.train.TrainingUi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j ui}: serves a run's DL4J UI statistics. */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Serve a run's training statistics in the DL4J UI (http://localhost:PORT/train/overview).")
public final class UiCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "run folder")
    Path run;

    @Option(names = "--port", defaultValue = "9000", description = "port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--seconds", defaultValue = "0", description = "stop after this many seconds (0: until Ctrl-C)")
    long seconds;

    @Override
    public Integer call() throws InterruptedException {
        try (TrainingUi ui = TrainingUi.serve(run, port)) {
            System.out.println("DL4J UI for " + run + " at " + ui.url() + (seconds > 0 ? "" : " (Ctrl-C to stop)"));
            if (seconds > 0) {
                Thread.sleep(seconds * 1000);
            } else {
                Thread.currentThread().join();
            }
        }
        return 0;
    }
}
