package org.xai4j.model;

import java.util.List;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Residual networks (He, Zhang, Ren and Sun, "Deep residual learning for image recognition", CVPR 2016) in two
 * topologies that share the residual blocks:
 * <ul>
 *   <li>ImageNet ({@link #resnet18()}, {@link #resnet34()}, {@link #resnet50()}), as torchvision: stem conv 7x7/2
 *       (no bias) + BN + ReLU + max-pool 3x3/2; four stages with 64, 128, 256, 512 planes of {@code BasicBlock}s
 *       (ResNet-18/34) or {@code Bottleneck}s with the stride on the 3x3 convolution (ResNet-50, "v1.5"). At
 *       3x224x224 with 1000 outputs the trainable parameter counts equal torchvision's (11,689,512 / 21,797,672 /
 *       25,557,032).</li>
 *   <li>CIFAR ({@link #cifar()}, the paper's section 4.2 family): stem conv 3x3/1 with 16 channels (no bias) + BN +
 *       ReLU, no max-pool; three stages with 16, 32, 64 planes of {@code BasicBlock}s; {@code n} blocks per stage
 *       give ResNet-(6n+2): [1,1,1] (the default) ResNet-8, [3,3,3] ResNet-20, [5,5,5] ResNet-32. One difference
 *       from the paper, by design: where the shape changes the shortcut is a 1x1 convolution + BN (the paper's
 *       option B, as in the ImageNet networks) instead of zero-padded identity (option A), so ResNet-20 has
 *       272,474 trainable parameters at 3x32x32 with 10 outputs instead of 269,722 (+2,752).</li>
 * </ul>
 * Both: the first block of every stage but the first has stride 2; a 1x1 convolution + BN on the shortcut when the
 * shape changes; global average pooling; logits. The width multiplier scales every plane count (and the stem).
 *
 * <p>Vertex names follow torchvision with underscores ({@code conv1}, {@code bn1}, {@code relu},
 * {@code layer2_0_conv1}, {@code layer2_0_downsample_bn}); each block ends in {@code layerS_B_out} (ReLU after the
 * addition). Taps: {@code stageS} = output of the last block of stage S, {@code last_conv} = the last stage's.
 * Groups: {@code stem+stage1}, {@code stage2}, ..., {@code stageN} (N = 4, or 3 for CIFAR), {@code head}.
 */
public final class ResNetBuilder implements ModelBuilder {
    private static final List<Integer> IMAGENET_PLANES = List.of(64, 128, 256, 512);
    private static final List<Integer> CIFAR_PLANES = List.of(16, 32, 64);

    private final List<Integer> depths;
    private final boolean bottleneck;
    private final List<Integer> planes;
    private final boolean cifarStem;

    /** An ImageNet-topology ResNet with {@code depths} blocks in its four stages. */
    public ResNetBuilder(List<Integer> depths, boolean bottleneck) {
        this(depths, bottleneck, IMAGENET_PLANES, false);
    }

    private ResNetBuilder(List<Integer> depths, boolean bottleneck, List<Integer> planes, boolean cifarStem) {
        if (depths.size() != planes.size()) {
            throw new IllegalArgumentException("ResNet: " + planes.size() + " stages need " + planes.size()
                    + " depths, got " + depths);
        }
        this.depths = List.copyOf(depths);
        this.bottleneck = bottleneck;
        this.planes = planes;
        this.cifarStem = cifarStem;
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

    /** The CIFAR ResNet (16/32/64 planes, 3x3 stride-1 stem, no max-pool), one basic block per stage by default. */
    public static ResNetBuilder cifar() {
        return new ResNetBuilder(List.of(1, 1, 1), false, CIFAR_PLANES, true);
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
        int inChannels = Widths.scale(planes.get(0), m);
        String x = cifarStem ? a.conv("conv1", 3, 1, 1, inChannels, false, GraphAssembly.INPUT)
                : a.conv("conv1", 7, 2, 3, inChannels, false, GraphAssembly.INPUT);
        x = a.relu("relu", a.batchNorm("bn1", x));
        if (!cifarStem) {
            x = a.maxPool("maxpool", 3, 2, 1, x);
        }
        for (int s = 0; s < planes.size(); s++) {
            if (s > 0) {
                a.group("stage" + (s + 1));
            }
            int stagePlanes = Widths.scale(planes.get(s), m);
            for (int b = 0; b < blocks.get(s); b++) {
                int stride = (s > 0 && b == 0) ? 2 : 1;
                String name = "layer" + (s + 1) + "_" + b;
                x = bottleneck ? bottleneckBlock(a, name, x, inChannels, stagePlanes, stride)
                        : basicBlock(a, name, x, inChannels, stagePlanes, stride);
                inChannels = stagePlanes * (bottleneck ? 4 : 1);
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
