package org.xai4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xai4j.config.ConfigException;
import org.xai4j.data.DataException;
import org.xai4j.engine.Engine;
import org.xai4j.engine.OneDnnNatives;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code xai4j} command. Bad input (config errors, malformed data, wrong arguments) exits
 * with code 2 and one message; anything else that fails exits with code 1, one line and the path of a log file
 * holding its stack trace.
 */
@Command(name = "xai4j", mixinStandardHelpOptions = true, version = "xai4j 0.1.0 (DL4J 1.0.0-M2.1)",
        description = "Train explainable medical-image classifiers on Deeplearning4j.",
        subcommands = {DataCommand.class, TrainCommand.class, EvaluateCommand.class, ExplainCommand.class,
                SegmentCommand.class, DissectCommand.class, EvaluateAttributionsCommand.class, QcCommand.class, UiCommand.class, BenchCommand.class, QuickstartCommand.class,
                ExperimentCommand.class, TuneCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of bad input. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Sets the layer engine of every graph the command builds (before the subcommand runs). */
    @CommandLine.Option(names = "--engine", paramLabel = "ENGINE",
            description = "layer engine of every network this command builds: onednn (DL4J's oneDNN helpers; the "
                    + "default with the default build's natives) or builtin (DL4J's own layers, the default of a "
                    + "-Pbuiltin build)")
    void engine(String id) {
        try {
            Engine.parse(id).activate();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit code (for tests); loads the oneDNN natives when the build has them
     * and makes oneDNN the default engine then ({@code --engine} overrides it).
     */
    public static int run(String... args) {
        OneDnnNatives.selectIfPresent();
        Engine.applyDefault();
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handle);
        try {
            return cl.execute(args);
        } catch (Error e) {
            // errors (StackOverflowError, OutOfMemoryError, ...) are not handed to the exception handler
            return unexpected(e, cl.getErr());
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (isBadInput(e)) {
            err.println("xai4j: error: " + e.getMessage());
            err.flush();
            return USAGE;
        }
        return unexpected(e, err);
    }

    /**
     * An unexpected failure: one line naming it and a log file holding the whole trace (in the temporary folder), so
     * the terminal shows what to report rather than a page of frames.
     */
    static int unexpected(Throwable e, PrintWriter err) {
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        try {
            Path log = Files.createTempFile("xai4j-error-", ".log");
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(log))) {
                e.printStackTrace(w);
            }
            err.println("xai4j: unexpected error: " + what + " (the full trace is in " + log + "; please report it "
                    + "with the command you ran)");
        } catch (IOException | RuntimeException io) {
            err.println("xai4j: unexpected error: " + what);
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    static boolean isBadInput(Throwable e) {
        return e instanceof ConfigException || e instanceof DataException || e instanceof IllegalArgumentException
                || e instanceof CommandLine.ParameterException;
    }
}
