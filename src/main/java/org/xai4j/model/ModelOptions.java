package org.xai4j.model;

import java.util.List;

/**
 * The {@code model:} section of a config: which architecture and how big.
 *
 * @param architecture    a name known to {@link ModelRegistry} (e.g. resnet18, resnet-cifar, densenet121, vgg16-bn,
 *                        patch)
 * @param widthMultiplier scales every layer's channel count (1.0 = reference network); small variants use
 *                        e.g. 0.25
 * @param blocks          optional override of the number of blocks per stage (ResNet: residual blocks per
 *                        stage; DenseNet: layers per dense block; VGG: convolutions per stage); null keeps
 *                        the reference depth
 * @param dropout         dropout probability before the logits layer (0 = none)
 * @param init            how convolution and dense parameters are drawn (null = {@link InitScheme#HE})
 */
public record ModelOptions(String architecture, Double widthMultiplier, List<Integer> blocks, Double dropout,
                           InitScheme init) {
    public ModelOptions {
        architecture = architecture == null ? "resnet18" : architecture;
        init = init == null ? InitScheme.HE : init;
        widthMultiplier = widthMultiplier == null ? 1.0 : widthMultiplier;
        dropout = dropout == null ? 0.0 : dropout;
        if (!(widthMultiplier > 0 && widthMultiplier <= 4)) {
            throw new IllegalArgumentException("widthMultiplier: must be in (0, 4], got " + widthMultiplier);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout: must be in [0, 1), got " + dropout);
        }
        if (blocks != null) {
            blocks = List.copyOf(blocks);
            for (Integer b : blocks) {
                if (b == null || b < 1) {
                    throw new IllegalArgumentException("blocks: every entry must be >= 1, got " + blocks);
                }
            }
        }
    }

    /** Options with the default initialisation (He). */
    public ModelOptions(String architecture, Double widthMultiplier, List<Integer> blocks, Double dropout) {
        this(architecture, widthMultiplier, blocks, dropout, null);
    }

    public static ModelOptions of(String architecture) {
        return new ModelOptions(architecture, null, null, null);
    }
}
