package org.xai4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.xai4j.bench.InputPipelineBench;
import org.xai4j.util.Folders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j bench input-pipeline}: images/s of the public-data-set input pipeline vs the training step, as CSV. */
@Command(name = "input-pipeline", mixinStandardHelpOptions = true,
        description = "Time the input pipeline of the public data sets (JPEG decoding, the 8-bit image cache, "
                + "augmented batches, prefetching) against the training step it feeds, on a generated CheXpert-layout "
                + "folder, in one run.")
public final class BenchInputPipelineCommand implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "1024", description = "generated JPEGs (default: ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--size", defaultValue = "224", description = "training size (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--model", defaultValue = "resnet18", description = "architecture (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--width", defaultValue = "0.25", description = "width multiplier (default: ${DEFAULT-VALUE})")
    double width;

    @Option(names = "--blocks", split = ",", defaultValue = "1,1,1,1",
            description = "blocks per stage (default: ${DEFAULT-VALUE})")
    List<Integer> blocks;

    @Option(names = "--batch", defaultValue = "16", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", defaultValue = "8", description = "timed training steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--keep", description = "keep the generated data set and its cache (in --work)")
    boolean keep;

    @Option(names = "--work", defaultValue = "checkpoints/bench/input-pipeline",
            description = "folder for the generated data set and cache (default: ${DEFAULT-VALUE})")
    Path work;

    @Option(names = "--out", defaultValue = "checkpoints/bench/input-pipeline.csv",
            description = "CSV (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        InputPipelineBench.Options o = new InputPipelineBench.Options(images, size, model, width, blocks, batch, steps,
                work.toAbsolutePath());
        // a fresh cache every run, so the first load really decodes
        Folders.deleteTree(work.resolve("cache"));
        try {
            InputPipelineBench.write(out, o, InputPipelineBench.run(o, System.out));
        } finally {
            if (!keep) {
                Folders.deleteTree(work);
            }
        }
        System.out.println("wrote " + out);
        return 0;
    }
}
