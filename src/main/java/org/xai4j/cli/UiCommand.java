package org.xai4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xai4j.train.TrainingUi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j ui}: serves a run's DL4J UI statistics. */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Serve a run's training statistics in the DL4J UI (http://localhost:PORT/train/overview; "
                + "this machine only unless --host says otherwise).")
public final class UiCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "run folder")
    Path run;

    @Option(names = "--port", defaultValue = "9000", description = "port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = TrainingUi.LOOPBACK, description = "address to listen on (default: "
            + "${DEFAULT-VALUE}, this machine only; 0.0.0.0 opens the run's statistics to the network)")
    String host;

    @Option(names = "--seconds", defaultValue = "0", description = "stop after this many seconds (0: until Ctrl-C)")
    long seconds;

    @Override
    public Integer call() throws InterruptedException {
        if (!host.equals(TrainingUi.LOOPBACK) && !host.equals("localhost")) {
            System.err.println("xai4j: warning: the UI listens on " + host + ": anyone who can reach this machine "
                    + "on port " + port + " sees the run's statistics, configuration and model; it has no login");
        }
        try (TrainingUi ui = TrainingUi.serve(run, host, port)) {
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
