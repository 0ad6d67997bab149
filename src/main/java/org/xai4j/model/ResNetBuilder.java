package org.xai4j.model;

import java.util.List;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Residual networks (He, Zhang, Ren and Sun, "Deep residual learning for image recognition", CVPR 2016) with
 * torchvision's topology: stem conv 7x7/2 (no bias) + BN + ReLU + max-pool 3x3/2; four stages of
 * {@code BasicBlock}s (ResNet-18/34) or {@code Bottleneck}s with the stride on the 3x3 convolution (ResNet-50,
 * "v1.5"); a 1x1 convolution + BN on the shortcut when the shape changes; global average pooling; logits.
 * At 3x224x224 with 1000 outputs the trainable parameter counts equal torchvision's (11,689,512 /
 * 21,797,672 / 25,557,032).
 *
 * <p>Vertex names follow torchvision with underscores ({@code layer2_0_conv1}, {@code layer2_0_downsample_bn});
 * each block ends in {@code layerS_B_out} (ReLU after the addition). Taps: {@code stageS} = output of the last
 * block of stage S, {@code last_conv} = {@code stage4}. Groups: {@code stem+stage1}, {@code stage2},
 * {@code stage3}, {@code stage4}, {@code head}.
 */
public final class ResNetBuilder implements ModelBuilder {
    private static final int[] PLANES = {64, 128, 256, 512};

    private final List<Integer> depths;
    private final boolean bottleneck;

    public ResNetBuilder(List<Integer> depths, boolean bottleneck) {
        this.depths = List.copyOf(depths);
        this.bottleneck = bottleneck;
    }

    public static ResNetBuilder resnet18() {
        return new ResNetBuilder(List.of(2, 2, 2, 2), false);
    }

    public static ResNetBuilder resnet34() {
        return new ResNetBuilder(List.of(3, 4, 6, 3), false);
    }

    public static ResNetBuilder resnet50() {
        return new ResNetBuilder(List.of(3, 4, 6, 3), true);
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
        a.group("stem+stage1");
        String x = a.conv("conv1", 7, 2, 3, Widths.scale(64, m), false, GraphAssembly.INPUT);
        x = a.relu("relu", a.batchNorm("bn1", x));
        x = a.maxPool("maxpool", 3, 2, 1, x);
        int inChannels = Widths.scale(64, m);
        for (int s = 0; s < PLANES.length; s++) {
            if (s > 0) {
                a.group("stage" + (s + 1));
            }
            int planes = Widths.scale(PLANES[s], m);
            for (int b = 0; b < blocks.get(s); b++) {
                int stride = (s > 0 && b == 0) ? 2 : 1;
                String name = "layer" + (s + 1) + "_" + b;
                x = bottleneck ? bottleneckBlock(a, name, x, inChannels, planes, stride)
                        : basicBlock(a, name, x, inChannels, planes, stride);
                inChannels = planes * (bottleneck ? 4 : 1);
            }
            a.tap("stage" + (s + 1), x);
        }
        a.tap(ModelDescription.LAST_CONV, x);
        a.group("head");
        x = a.globalAvgPool("avgpool", x);
        a.logits(numOutputs, options.dropout(), x);
        return a.build(options, numOutputs);
    }

    private static String basicBlock(GraphAssembly a, String n, String in, int inChannels, int planes, int stride) {
        String x = a.relu(n + "_relu1", a.batchNorm(n + "_bn1", a.conv(n + "_conv1", 3, stride, 1, planes, false, in)));
        x = a.batchNorm(n + "_bn2", a.conv(n + "_conv2", 3, 1, 1, planes, false, x));
        return residual(a, n, in, x, inChannels, planes, stride);
    }

    private static String bottleneckBlock(GraphAssembly a, String n, String in, int inChannels, int planes, int stride) {
        String x = a.relu(n + "_relu1", a.batchNorm(n + "_bn1", a.conv(n + "_conv1", 1, 1, 0, planes, false, in)));
        x = a.relu(n + "_relu2", a.batchNorm(n + "_bn2", a.conv(n + "_conv2", 3, stride, 1, planes, false, x)));
        x = a.batchNorm(n + "_bn3", a.conv(n + "_conv3", 1, 1, 0, planes * 4, false, x));
        return residual(a, n, in, x, inChannels, planes * 4, stride);
    }

    private static String residual(GraphAssembly a, String n, String in, String branch, int inChannels,
                                   int outChannels, int stride) {
        String shortcut = in;
        if (stride != 1 || inChannels != outChannels) {
            shortcut = a.batchNorm(n + "_downsample_bn",
                    a.conv(n + "_downsample_conv", 1, stride, 0, outChannels, false, in));
        }
        String sum = a.vertex(n + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), branch, shortcut);
        return a.relu(n + "_out", sum);
    }
}
