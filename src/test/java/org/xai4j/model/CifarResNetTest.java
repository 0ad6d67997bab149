package org.xai4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code resnet-cifar}, He et al.'s CIFAR ResNet (issue 6's "small ResNet 16/32/64"): parameter counts by hand,
 * groups and taps as the ImageNet ResNets'. Configurations only, nothing allocated.
 */
class CifarResNetTest {
    private static BuiltModel build(List<Integer> blocks, double width, InputShape shape, int outputs) {
        return ModelRegistry.build(new ModelOptions("resnet-cifar", width, blocks, 0.0), shape, outputs, 1,
                DataType.FLOAT);
    }

    /** The default [1,1,1] (ResNet-8) at 1x64x64 with 2 outputs; BN has 2 trainable parameters per channel. */
    @Test
    void defaultDepthHasHandCountedParameters() {
        long stem = 3 * 3 * 1 * 16 + 2 * 16;                  // 176: conv 3x3 1->16, BN 16
        long stage1 = 2 * (3 * 3 * 16 * 16 + 2 * 16);         // 4,672: two conv 3x3 16->16 + BN
        long stage2 = 3 * 3 * 16 * 32 + 2 * 32                // 4,672: conv 3x3/2 16->32 + BN
                + 3 * 3 * 32 * 32 + 2 * 32                    // 9,280: conv 3x3 32->32 + BN
                + 16 * 32 + 2 * 32;                           // 576: shortcut conv 1x1/2 16->32 + BN
        long stage3 = 3 * 3 * 32 * 64 + 2 * 64                // 18,560
                + 3 * 3 * 64 * 64 + 2 * 64                    // 36,992
                + 32 * 64 + 2 * 64;                           // 2,176
        long head = 64 * 2 + 2;                               // 130: logits 64->2 with bias
        assertThat(List.of(stem, stage1, stage2, stage3, head)).containsExactly(176L, 4_672L, 14_528L, 57_728L, 130L);
        BuiltModel m = build(null, 1.0, new InputShape(1, 64, 64), 2);
        assertThat(ParameterCounts.trainable(m.configuration()))
                .isEqualTo(stem + stage1 + stage2 + stage3 + head)
                .isEqualTo(77_234);
    }

    /**
     * ResNet-20 ([3,3,3]) at 3x32x32 with 10 outputs: the paper's network (option A shortcuts) has 269,722
     * parameters; the two 1x1 projection shortcuts + BN used here add 16*32 + 64 + 32*64 + 128 = 2,752.
     */
    @Test
    void resnet20HasThePapersCountPlusTwoProjectionShortcuts() {
        long stem = 3 * 3 * 3 * 16 + 2 * 16;                              // 464
        long block16 = 2 * (3 * 3 * 16 * 16 + 2 * 16);                   // 4,672
        long block32 = 2 * (3 * 3 * 32 * 32 + 2 * 32);                   // 18,560
        long block64 = 2 * (3 * 3 * 64 * 64 + 2 * 64);                   // 73,984
        long first32 = 3 * 3 * 16 * 32 + 2 * 32 + 3 * 3 * 32 * 32 + 2 * 32;  // 13,952 (without shortcut)
        long first64 = 3 * 3 * 32 * 64 + 2 * 64 + 3 * 3 * 64 * 64 + 2 * 64;  // 55,552
        long optionA = stem + 3 * block16 + first32 + 2 * block32 + first64 + 2 * block64 + 64 * 10 + 10;
        assertThat(optionA).isEqualTo(269_722);
        long projections = 16 * 32 + 2 * 32 + 32 * 64 + 2 * 64;           // 2,752
        BuiltModel m = build(List.of(3, 3, 3), 1.0, new InputShape(3, 32, 32), 10);
        assertThat(ParameterCounts.trainable(m.configuration())).isEqualTo(optionA + projections).isEqualTo(272_474);
    }

    /** Every layer with trainable parameters is in exactly one group; the groups' sum is the network's count. */
    @Test
    void layerGroupsCoverEveryParameter() {
        BuiltModel m = build(List.of(2, 2, 2), 1.0, new InputShape(1, 64, 64), 2);
        Map<String, List<String>> groups = m.description().layerGroups();
        assertThat(groups.keySet()).containsExactly("stem+stage1", "stage2", "stage3", "head");
        Map<String, Long> perLayer = ParameterCounts.perLayer(m.configuration());
        List<String> members = groups.values().stream().flatMap(List::stream).toList();
        assertThat(members).doesNotHaveDuplicates().containsAll(perLayer.keySet());
        long inGroups = members.stream().mapToLong(n -> perLayer.getOrDefault(n, 0L)).sum();
        assertThat(inGroups).isEqualTo(ParameterCounts.trainable(m.configuration()));
        assertThat(groups.get("stem+stage1")).startsWith("conv1", "bn1", "relu").contains("layer1_1_conv2")
                .doesNotContain("maxpool");
        assertThat(groups.get("stage2")).contains("layer2_0_downsample_conv", "layer2_1_bn2");
        assertThat(groups.get("head")).containsExactly("avgpool", "logits");
    }

    @Test
    void tapsAreTheStageOutputsAndLastConvIsStage3() {
        BuiltModel m = build(null, 1.0, new InputShape(1, 64, 64), 2);
        assertThat(m.description().taps()).containsExactly(Map.entry("stage1", "layer1_0_out"),
                Map.entry("stage2", "layer2_0_out"), Map.entry("stage3", "layer3_0_out"),
                Map.entry(ModelDescription.LAST_CONV, "layer3_0_out"));
    }

    @Test
    void widthMultiplierScalesThePlanesAndBlocksNeedThreeEntries() {
        BuiltModel half = build(null, 0.5, new InputShape(1, 32, 32), 2);
        // 8/16/32 planes: the logits layer reads 32 features
        assertThat(ParameterCounts.perLayer(half.configuration())).containsEntry("logits", 32L * 2 + 2)
                .containsEntry("conv1", 3L * 3 * 8);
        assertThatThrownBy(() -> build(List.of(1, 1, 1, 1), 1.0, new InputShape(1, 32, 32), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("blocks:");
    }
}
