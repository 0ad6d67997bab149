package org.xai4j.model;

import java.util.List;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * VGG networks (Simonyan and Zisserman, "Very deep convolutional networks for large-scale image recognition",
 * ICLR 2015) with torchvision's topology: five stages of 3x3 convolutions (padding 1; 64, 128, 256, 512, 512
 * channels) + ReLU, each stage closed by a max-pool 2x2/2, then the classifier fc 4096 + ReLU, dropout,
 * fc 4096 + ReLU, dropout, logits. VGG-16 has 138,357,544 trainable parameters at 3x224x224 with 1000
 * outputs, as torchvision.
 *
 * <p>Differences from torchvision, by design: (1) torchvision pools adaptively to 7x7 before the classifier;
 * DL4J has no adaptive pooling, so the classifier flattens whatever the last max-pool gives: 7x7 at 224x224
 * (the same network), 2x2 at 64x64, 1x1 at 32x32 (the smallest input). (2) The dropout probability is
 * {@link ModelOptions#dropout()} (torchvision: 0.5). (3) In the {@code -bn} variants the convolutions have no
 * bias, as it is redundant before batch normalisation (torchvision keeps it: VGG-16-BN has 4,224 parameters
 * fewer here than torchvision's 138,365,992). (4) The fully connected width 4096 is scaled by the width
 * multiplier.
 *
 * <p>Vertex names: {@code convS_I}, {@code bnS_I}, {@code reluS_I}, {@code poolS}, {@code fc6}, {@code fc7},
 * {@code logits}. Taps: {@code stageS} = {@code poolS}; {@code last_conv} = the last ReLU before the final
 * max-pool. Groups: {@code stage1}..{@code stage5}, {@code head}.
 */
public final class VggBuilder implements ModelBuilder {
    private static final int[] CHANNELS = {64, 128, 256, 512, 512};
    private static final int FC = 4096;

    private final List<Integer> depths;
    private final boolean batchNorm;

    public VggBuilder(List<Integer> depths, boolean batchNorm) {
        this.depths = List.copyOf(depths);
        this.batchNorm = batchNorm;
    }

    public static VggBuilder vgg11(boolean batchNorm) {
        return new VggBuilder(List.of(1, 1, 2, 2, 2), batchNorm);
    }

    public static VggBuilder vgg16(boolean batchNorm) {
        return new VggBuilder(List.of(2, 2, 3, 3, 3), batchNorm);
    }

    @Override
    public List<Integer> referenceBlocks() {
        return depths;
    }

    @Override
    public BuiltModel build(ModelOptions options, InputShape shape, int numOutputs, long seed, DataType dataType) {
        List<Integer> blocks = StageDepths.resolve(options, depths);
        double m = options.widthMultiplier();
        GraphAssembly a = new GraphAssembly(shape, seed, dataType);
        String x = GraphAssembly.INPUT;
        for (int s = 1; s <= CHANNELS.length; s++) {
            a.group("stage" + s);
            int channels = Widths.scale(CHANNELS[s - 1], m);
            for (int i = 1; i <= blocks.get(s - 1); i++) {
                String n = s + "_" + i;
                x = a.conv("conv" + n, 3, 1, 1, channels, !batchNorm, x);
                if (batchNorm) {
                    x = a.batchNorm("bn" + n, x);
                }
                x = a.relu("relu" + n, x);
            }
            if (s == CHANNELS.length) {
                a.tap(ModelDescription.LAST_CONV, x);
            }
            x = a.maxPool("pool" + s, 2, 2, 0, x);
            a.tap("stage" + s, x);
        }
        a.group("head");
        int fc = Widths.scale(FC, m);
        double p = options.dropout();
        x = a.dense("fc6", fc, Activation.RELU, 0, x);
        x = a.dense("fc7", fc, Activation.RELU, p, x);
        a.logits(numOutputs, p, x);
        return a.build(options, numOutputs);
    }
}
