package org.xai4j.model;

import java.util.List;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The fully convolutional patch classifier of Wargnier-Dauchelle et al. (IEEE TMI 2023), built like the
 * PatchGAN discriminator of Isola, Zhu, Zhou and Efros ("Image-to-image translation with conditional
 * adversarial networks", CVPR 2017): four 4x4 stride-2 convolutions with 64, 128, 256, 512 filters (scaled by
 * the width multiplier), each followed by LeakyReLU 0.2, with instance normalisation
 * ({@link InstanceNormalization}) between convolution and activation except after the first convolution; then
 * a convolution to a {@code numOutputs}-channel logit map whose spatial mean is the score.
 *
 * <p>Padding choices: the 4x4 stride-2 convolutions use padding 1 (as PatchGAN), which halves even sizes
 * exactly ({@code floor((n + 2 - 4) / 2) + 1 = n / 2}); the logit convolution is 3x3, stride 1, padding 1, so the
 * logit map keeps the size of the last feature map (n / 16, e.g. 4x4 at 64x64, 14x14 at 224x224) and each logit
 * stays aligned with its patch. PatchGAN instead uses a stride-1 4x4 layer and a 4x4 logit convolution with
 * padding 1, which shrinks the map by one pixel each. Inputs must be at least 32x32 (a 2x2 logit map).
 * Convolutions followed by instance normalisation have no bias (its beta plays that role).
 *
 * <p>Vertex names: {@code convK}, {@code normK}, {@code lreluK} (K = 1..4), {@code logit_conv} (the logit map)
 * and {@code logits}, a global average pooling of the logit map (N x numOutputs), the graph's output.
 * {@link ModelOptions#dropout()} applies to the input of {@code logit_conv}.
 *
 * <p>Depth ({@link ModelOptions#blocks()}, convolutions per stage, default {@code [1, 1, 1, 1]} = PatchGAN): each
 * further convolution of stage K is a 3x3 stride-1 convolution of the same width ({@code convK_J}, J = 2..),
 * normalised the same way as the stage's first ({@code normK_J}, none in stage 1) and followed by LeakyReLU
 * ({@code lreluK_J}); the stage's tap is then its last activation. Measured on the hard MS preset (issue 12,
 * section 6; width 0.25, 10 epochs, horizontal flips): test AUC 0.80 with {@code [1, 1, 1, 1]}, 0.94 with
 * {@code [2, 2, 2, 2]}, the attribution-constraint experiment's default. Taps: {@code stageK} =
 * {@code lreluK}, {@code last_conv} = {@code lrelu4}, {@code logit_map} = {@code logit_conv}. Groups:
 * {@code conv1}..{@code conv4}, {@code head}.
 */
public final class PatchClassifierBuilder implements ModelBuilder {
    /** Tap of the spatial logit map (N x numOutputs x H/16 x W/16). */
    public static final String LOGIT_MAP = "logit_map";
    private static final int[] FILTERS = {64, 128, 256, 512};
    private static final List<Integer> PATCHGAN_DEPTH = List.of(1, 1, 1, 1);
    private static final double SLOPE = 0.2;

    @Override
    public BuiltModel build(ModelOptions options, InputShape shape, int numOutputs, long seed, DataType dataType) {
        List<Integer> depth = StageDepths.resolve(options, PATCHGAN_DEPTH);
        double m = options.widthMultiplier();
        GraphAssembly a = new GraphAssembly(shape, seed, dataType);
        String x = GraphAssembly.INPUT;
        for (int k = 1; k <= FILTERS.length; k++) {
            a.group("conv" + k);
            boolean norm = k > 1;
            x = a.conv("conv" + k, 4, 2, 1, Widths.scale(FILTERS[k - 1], m), !norm, x);
            if (norm) {
                x = a.layer("norm" + k, InstanceNormalization.create(), x);
            }
            x = a.activation("lrelu" + k, new ActivationLReLU(SLOPE), x);
            for (int j = 2; j <= depth.get(k - 1); j++) {
                String id = k + "_" + j;
                x = a.conv("conv" + id, 3, 1, 1, Widths.scale(FILTERS[k - 1], m), !norm, x);
                if (norm) {
                    x = a.layer("norm" + id, InstanceNormalization.create(), x);
                }
                x = a.activation("lrelu" + id, new ActivationLReLU(SLOPE), x);
            }
            a.tap("stage" + k, x);
        }
        a.tap(ModelDescription.LAST_CONV, x);
        a.group("head");
        ConvolutionLayer.Builder logitConv = new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1)
                .nOut(numOutputs).hasBias(true).activation(Activation.IDENTITY);
        if (options.dropout() > 0) {
            logitConv.dropOut(new Dropout(1.0 - options.dropout()));
        }
        x = a.layer("logit_conv", logitConv.build(), x);
        a.tap(LOGIT_MAP, x);
        a.layer(GraphAssembly.LOGITS, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        return a.build(options, numOutputs);
    }
}
