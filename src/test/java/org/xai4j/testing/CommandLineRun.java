package org.xai4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.xai4j.cli.Main;

/**
 * One {@code xai4j} command line run in-process with its standard output and error captured.
 *
 * @param code the exit code
 * @param out  what it printed to standard output
 * @param err  what it printed to standard error
 */
public record CommandLineRun(int code, String out, String err) {
    /** Runs {@code Main.run(args)}, restoring {@code System.out} and {@code System.err} afterwards. */
    public static CommandLineRun of(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new CommandLineRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }
}
