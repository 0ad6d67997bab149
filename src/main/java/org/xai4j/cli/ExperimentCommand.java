package org.xai4j.cli;

import picocli.CommandLine.Command;

/** {@code xai4j experiment}: experiments reproducing published claims, one subcommand each. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        subcommands = {AttributionConstraintExperimentCommand.class},
        description = "Run an experiment of experiments/ end to end and regenerate its README table.")
public final class ExperimentCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
