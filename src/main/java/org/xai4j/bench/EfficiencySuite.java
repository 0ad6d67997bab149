package org.xai4j.bench;

import java.util.List;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelOptions;

/**
 * The networks of issue 6's efficiency targets ({@code xai4j bench --suite efficiency}), one gray-scale channel:
 * <ul>
 *   <li>{@code quickstart-resnet}: resnet18 at width 0.25 with one block per stage, 1x64x64, batch 32 (the quickstart
 *       model; about 0.027 GFLOP per image for forward+backward, a tenth of the small ResNet: its stride-4
 *       stem leaves 16x16 maps for the first stage);</li>
 *   <li>{@code small-resnet}: the "small ResNet 16/32/64", {@code resnet-cifar} with one block per stage
 *       (3x3 stride-1 stem, stages at 64x64, 32x32, 16x16), 1x64x64, batch 32: 0.295 GFLOP per image for
 *       forward+backward (the issue's ~0.29);</li>
 *   <li>{@code resnet18-64}: ResNet-18 at full width, 1x64x64, batch 16;</li>
 *   <li>{@code densenet121-128}: DenseNet-121 at full width, 1x128x128, batch 8.</li>
 * </ul>
 */
public final class EfficiencySuite {
    /** Name of the suite on the command line. */
    public static final String NAME = "efficiency";

    private EfficiencySuite() {
    }

    /** The suite's cases, smallest first (so the process's memory high-water mark grows with the models). */
    public static List<BenchCase> cases() {
        return List.of(
                new BenchCase("quickstart-resnet", new ModelOptions("resnet18", 0.25, List.of(1, 1, 1, 1), 0.0),
                        new InputShape(1, 64, 64), 32),
                new BenchCase("small-resnet", new ModelOptions("resnet-cifar", 1.0, List.of(1, 1, 1), 0.0),
                        new InputShape(1, 64, 64), 32),
                new BenchCase("resnet18-64", new ModelOptions("resnet18", 1.0, null, 0.0), new InputShape(1, 64, 64), 16),
                new BenchCase("densenet121-128", new ModelOptions("densenet121", 1.0, null, 0.0),
                        new InputShape(1, 128, 128), 8));
    }

    /** Cases of a named suite. */
    public static List<BenchCase> byName(String name) {
        if (!NAME.equals(name)) {
            throw new IllegalArgumentException("--suite: unknown suite '" + name + "' (allowed: " + NAME + ")");
        }
        return cases();
    }
}
