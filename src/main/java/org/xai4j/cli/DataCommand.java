package org.xai4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xai4j.config.RunConfig;
import org.xai4j.data.DatasetExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xai4j data ...}: data set commands. */
@Command(name = "data", description = "Data set commands.", subcommands = DataCommand.Generate.class,
        mixinStandardHelpOptions = true)
public final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code xai4j data generate}: writes the synthetic brain-MRI set as PNG files plus a CSV manifest. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generate the synthetic brain-MRI data set (data.synthetic of the config) and export it "
                    + "as PNG + CSV manifest, loadable with data.source: csv.")
    static final class Generate implements Callable<Integer> {
        @Mixin
        ConfigArgs config;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "datasets/synthetic",
                description = "output folder (default: ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() {
            RunConfig rc = config.load(null);
            DatasetExport.Summary s = DatasetExport.generate(rc.data(), out);
            System.out.println(s.describe());
            return 0;
        }
    }
}
