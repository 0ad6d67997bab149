package org.xai4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Tap sizes read from the configurations (nothing allocated): at 224x224 they equal torchvision's feature
 * maps, and the reduced variants work at 64x64.
 */
class FeatureMapSizesTest {
    @ParameterizedTest(name = "{0} {1}x{1} {2}")
    @CsvSource({
            "resnet18, 224, 1.0, stage1, 64, 56",
            "resnet18, 224, 1.0, stage2, 128, 28",
            "resnet18, 224, 1.0, stage3, 256, 14",
            "resnet18, 224, 1.0, last_conv, 512, 7",
            "resnet50, 224, 1.0, stage1, 256, 56",
            "resnet50, 224, 1.0, last_conv, 2048, 7",
            "resnet18, 64, 0.25, last_conv, 128, 2",
            // CIFAR ResNet: no stem down-sampling, stages at full, 1/2 and 1/4 resolution
            "resnet-cifar, 64, 1.0, stage1, 16, 64",
            "resnet-cifar, 64, 1.0, stage2, 32, 32",
            "resnet-cifar, 64, 1.0, last_conv, 64, 16",
            "resnet-cifar, 32, 1.0, last_conv, 64, 8",
            "densenet121, 224, 1.0, stage1, 256, 56",
            "densenet121, 224, 1.0, stage2, 512, 28",
            "densenet121, 224, 1.0, stage3, 1024, 14",
            "densenet121, 224, 1.0, stage4, 1024, 7",
            "densenet121, 224, 1.0, last_conv, 1024, 7",
            "densenet121-truncated, 224, 1.0, last_conv, 512, 28",
            "densenet121-truncated, 64, 1.0, last_conv, 512, 8",
            "vgg16, 224, 1.0, last_conv, 512, 14",
            "vgg16, 224, 1.0, stage5, 512, 7",
            "vgg11-bn, 64, 1.0, last_conv, 512, 4",
            "patch, 224, 1.0, stage1, 64, 112",
            "patch, 224, 1.0, last_conv, 512, 14",
            "patch, 64, 0.5, last_conv, 256, 4",
    })
    void tapHasTorchvisionSize(String architecture, int size, double width, String tap, int channels, int side) {
        BuiltModel m = ModelRegistry.build(new ModelOptions(architecture, width, null, null),
                new InputShape(3, size, size), 1000, 1, DataType.FLOAT);
        InputType.InputTypeConvolutional t = activation(m, m.description().tapVertex(tap));
        assertThat(List.of(t.getChannels(), t.getHeight(), t.getWidth()))
                .containsExactly((long) channels, (long) side, (long) side);
    }

    @Test
    void patchLogitMapHasOneChannelPerOutputAndLastConvSize() {
        BuiltModel m = ModelRegistry.build(ModelOptions.of("patch"), new InputShape(1, 64, 64), 3, 1, DataType.FLOAT);
        InputType.InputTypeConvolutional t = activation(m, m.description().tapVertex(PatchClassifierBuilder.LOGIT_MAP));
        assertThat(List.of(t.getChannels(), t.getHeight(), t.getWidth())).containsExactly(3L, 4L, 4L);
    }

    @Test
    void blocksOfWrongLengthAreRefused() {
        InputShape shape = new InputShape(1, 64, 64);
        assertThatThrownBy(() -> ModelRegistry.build(new ModelOptions("resnet18", 0.25, List.of(1, 1, 1), null),
                shape, 2, 1, DataType.FLOAT)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("blocks:");
        assertThatThrownBy(() -> ModelRegistry.build(new ModelOptions("patch", 0.25, List.of(1, 1, 1), null),
                shape, 2, 1, DataType.FLOAT)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("blocks:");
    }

    @Test
    void deeperPatchStagesKeepTheLogitMapAndAddOneStrideOneConvolutionEach() {
        BuiltModel deep = ModelRegistry.build(new ModelOptions("patch", 0.25, List.of(2, 2, 2, 2), null),
                new InputShape(1, 64, 64), 1, 1, DataType.FLOAT);
        BuiltModel plain = ModelRegistry.build(ModelOptions.of("patch"), new InputShape(1, 64, 64), 1, 1,
                DataType.FLOAT);
        assertThat(deep.description().layerGroups().get("conv2")).contains("conv2", "conv2_2", "norm2_2");
        assertThat(deep.description().layerGroups().get("conv1")).contains("conv1_2").doesNotContain("norm1_2");
        assertThat(plain.description().layerGroups().get("conv2")).doesNotContain("conv2_2");
        InputType.InputTypeConvolutional t = activation(deep,
                deep.description().tapVertex(PatchClassifierBuilder.LOGIT_MAP));
        assertThat(List.of(t.getChannels(), t.getHeight(), t.getWidth())).containsExactly(1L, 4L, 4L);
    }

    @Test
    void blocksOverrideTheDepth() {
        BuiltModel m = ModelRegistry.build(new ModelOptions("densenet121", 0.25, List.of(1, 2, 1, 1), null),
                new InputShape(1, 64, 64), 2, 1, DataType.FLOAT);
        Map<String, List<String>> groups = m.description().layerGroups();
        assertThat(groups.get("block2")).contains("denseblock2_layer2_conv2").doesNotContain("denseblock2_layer3_conv2");
        assertThat(groups.keySet()).containsExactly("stem", "block1", "block2", "block3", "block4", "head");
    }

    @Test
    void widthIsScaledWithAFloorOfFourChannels() {
        assertThat(Widths.scale(64, 1.0)).isEqualTo(64);
        assertThat(Widths.scale(64, 0.25)).isEqualTo(16);
        assertThat(Widths.scale(32, 0.0625)).isEqualTo(Widths.MIN_CHANNELS);
    }

    private static InputType.InputTypeConvolutional activation(BuiltModel m, String vertex) {
        Map<String, InputType> types = m.configuration().getLayerActivationTypes(
                InputType.convolutional(m.description().inputShape().height(), m.description().inputShape().width(),
                        m.description().inputShape().channels()));
        return (InputType.InputTypeConvolutional) types.get(vertex);
    }
}
