package org.xai4j.model;

import java.util.List;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Densely connected networks (Huang, Liu, van der Maaten and Weinberger, "Densely connected convolutional
 * networks", CVPR 2017) with torchvision's DenseNet-121 topology: stem conv 7x7/2 (no bias) + BN + ReLU +
 * max-pool 3x3/2; dense blocks of (BN, ReLU, 1x1 conv to {@code bn_size * growth}, BN, ReLU, 3x3 conv to
 * {@code growth}) layers whose outputs are concatenated; between blocks a transition (BN, ReLU, 1x1 conv with
 * compression 0.5, average pool 2x2/2); final BN + ReLU, global average pooling, logits. Growth 32, bn_size 4,
 * 64 initial features, blocks (6, 12, 24, 16): 7,978,856 trainable parameters at 3x224x224 with 1000 outputs,
 * as torchvision. The width multiplier scales the growth rate and initial features.
 *
 * <p>The truncated variant keeps only the first two dense blocks and the transition between them (blocks 3
 * and 4 and the transitions before them are removed), so its last feature map has 4x the resolution of
 * DenseNet-121's (28x28 instead of 7x7 at 224x224).
 *
 * <p>Vertex names: {@code conv0}, {@code norm0}, {@code relu0}, {@code pool0}, {@code denseblockB_layerL_conv1},
 * ..., {@code denseblockB_layerL_concat}, {@code transitionB_conv}, {@code norm5}, {@code relu5}. Taps:
 * {@code stageB} = output of dense block B (its last concatenation), {@code last_conv} = {@code relu5}. Groups:
 * {@code stem}, {@code blockB} (dense block B with the transition after it; the last block holds the final
 * BN + ReLU), {@code head}.
 */
public final class DenseNetBuilder implements ModelBuilder {
    private static final int GROWTH = 32;
    private static final int BN_SIZE = 4;
    private static final int INIT_FEATURES = 64;

    private final List<Integer> depths;

    public DenseNetBuilder(List<Integer> depths) {
        this.depths = List.copyOf(depths);
    }

    public static DenseNetBuilder densenet121() {
        return new DenseNetBuilder(List.of(6, 12, 24, 16));
    }

    /** DenseNet-121 without dense blocks 3 and 4 (and their transitions). */
    public static DenseNetBuilder densenet121Truncated() {
        return new DenseNetBuilder(List.of(6, 12));
    }

    @Override
    public List<Integer> referenceBlocks() {
        return depths;
    }

    @Override
    public BuiltModel build(ModelOptions options, InputShape shape, int numOutputs, long seed, DataType dataType) {
        List<Integer> blocks = StageDepths.resolve(options, depths);
        double m = options.widthMultiplier();
        int growth = Widths.scale(GROWTH, m);
        GraphAssembly a = new GraphAssembly(shape, seed, dataType);
        a.group("stem");
        int features = Widths.scale(INIT_FEATURES, m);
        String x = a.conv("conv0", 7, 2, 3, features, false, GraphAssembly.INPUT);
        x = a.relu("relu0", a.batchNorm("norm0", x));
        x = a.maxPool("pool0", 3, 2, 1, x);
        for (int b = 1; b <= blocks.size(); b++) {
            a.group("block" + b);
            for (int l = 1; l <= blocks.get(b - 1); l++) {
                String n = "denseblock" + b + "_layer" + l;
                String y = a.relu(n + "_relu1", a.batchNorm(n + "_norm1", x));
                y = a.conv(n + "_conv1", 1, 1, 0, BN_SIZE * growth, false, y);
                y = a.relu(n + "_relu2", a.batchNorm(n + "_norm2", y));
                y = a.conv(n + "_conv2", 3, 1, 1, growth, false, y);
                x = a.vertex(n + "_concat", new MergeVertex(), x, y);
                features += growth;
            }
            a.tap("stage" + b, x);
            if (b < blocks.size()) {
                String n = "transition" + b;
                features = features / 2;
                x = a.relu(n + "_relu", a.batchNorm(n + "_norm", x));
                x = a.avgPool(n + "_pool", 2, 2, a.conv(n + "_conv", 1, 1, 0, features, false, x));
            }
        }
        x = a.relu("relu5", a.batchNorm("norm5", x));
        a.tap(ModelDescription.LAST_CONV, x);
        a.group("head");
        x = a.globalAvgPool("avgpool", x);
        a.logits(numOutputs, options.dropout(), x);
        return a.build(options, numOutputs);
    }
}
