package org.xai4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.ModelOptions;
import org.xai4j.run.Checkpoint;
import org.xai4j.run.TrainingState;

/**
 * Kills a real JVM (SIGKILL) while it is writing a checkpoint over an existing one, and checks that the
 * previous checkpoint is intact.
 */
class CheckpointCrashTest {
    /** The child process: saves a big checkpoint over {@code args[0]} forever. */
    public static final class Saver {
        public static void main(String[] args) {
            Classifier big = Classifier.build(new ModelOptions("resnet18", 1.0, null, 0.0), new InputShape(1, 64, 64), 1,
                    3, DataType.FLOAT);
            Checkpoint c = new Checkpoint(big, TrainingState.start(1e-3));
            while (true) {
                c.save(Path.of(args[0]));
            }
        }
    }

    @Test
    void aCrashMidSaveLeavesThePreviousCheckpointIntact(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.ckpt");
        Classifier small = Classifier.build(new ModelOptions("resnet18", 0.125, List.of(1, 1, 1, 1), 0.0),
                new InputShape(1, 64, 64), 1, 11, DataType.FLOAT);
        new Checkpoint(small, TrainingState.start(1e-3)).save(file);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 64, 64);
        INDArray before = new ModelAdapter(small).logits(x, Mode.INFERENCE);
        long size = Files.size(file);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Saver.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (tempFiles(dir).isEmpty() && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(5);
            }
            assertThat(tempFiles(dir)).as("the child started writing a temporary file").isNotEmpty();
        } finally {
            child.destroyForcibly().waitFor();
        }

        assertThat(Files.size(file)).isEqualTo(size);
        INDArray after = new ModelAdapter(Checkpoint.load(file).classifier()).logits(x, Mode.INFERENCE);
        assertThat(after.equals(before)).isTrue();
    }

    private static List<Path> tempFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
