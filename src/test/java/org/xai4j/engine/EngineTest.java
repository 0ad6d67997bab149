package org.xai4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelOptions;

/**
 * Engines on whatever natives this build loaded: with the default build's oneDNN natives the oneDNN engine's graphs
 * get helpers on convolution, BN and pooling; with the plain natives of {@code -Pbuiltin} it is refused with a
 * message naming the profile.
 */
class EngineTest {
    private static Classifier smallResnet() {
        return Classifier.build(new ModelOptions("resnet18", 0.125, List.of(1, 1, 1, 1), 0.0), new InputShape(1, 32, 32),
                1, 1, DataType.FLOAT);
    }

    @Test
    void parsesIdsAndNamesTheAllowedOnes() {
        assertThat(Engine.parse("onednn")).isEqualTo(Engine.ONEDNN);
        assertThat(Engine.parse(" BuiltIn ")).isEqualTo(Engine.BUILTIN);
        assertThatThrownBy(() -> Engine.parse("mkl")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("engine: unknown engine 'mkl' (allowed: builtin, onednn)");
    }

    @Test
    void builtinGraphsHaveNoHelpersAndThePropertyIsRestored() {
        String before = System.getProperty(Engine.HELPERS_DISABLE_PROPERTY);
        Classifier c = Engine.BUILTIN.during(EngineTest::smallResnet);
        assertThat(System.getProperty(Engine.HELPERS_DISABLE_PROPERTY)).isEqualTo(before);
        LayerHelpers h = LayerHelpers.of(c.graph());
        assertThat(h.withHelper()).isZero();
        assertThat(h.counts()).containsOnlyKeys("conv", "bn", "pool");
        assertThat(h.describe()).isEqualTo("no helpers (" + h.capable() + " layers)");
    }

    @Test
    void onednnNeedsOnednnNativesAndThenGivesHelpersToConvBnAndPool() {
        if (!Engine.oneDnnNativesLoaded()) {
            assertThatThrownBy(Engine.ONEDNN::requireAvailable).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Maven profile builtin");
            return;
        }
        LayerHelpers h = LayerHelpers.of(Engine.ONEDNN.during(EngineTest::smallResnet).graph());
        h.counts().forEach((kind, c) -> assertThat(c[0]).as(kind).isEqualTo(c[1]));
        assertThat(h.describe()).startsWith("helpers conv ");
    }

    @Test
    void theDefaultBuildRunsOnOneDnnAndAPlainGraphGetsItsHelpers() {
        boolean oneDnnBuild = System.getProperty(OneDnnNatives.EXTENSION_PROPERTY, "").contains("onednn");
        assertThat(Engine.oneDnnNativesLoaded()).as("natives follow the build's extension property").isEqualTo(oneDnnBuild);
        assertThat(Engine.current()).isEqualTo(oneDnnBuild ? Engine.ONEDNN : Engine.BUILTIN);
        LayerHelpers h = LayerHelpers.of(smallResnet().graph());
        assertThat(h.withHelper()).as(h.describe()).isEqualTo(oneDnnBuild ? h.capable() : 0);
    }

    @Test
    void applyDefaultPicksOneDnnOnlyWhenItsNativesAreChosenAndNobodySaidOtherwise() {
        String helpers = System.getProperty(Engine.HELPERS_DISABLE_PROPERTY);
        String extension = System.getProperty(OneDnnNatives.EXTENSION_PROPERTY);
        try {
            System.clearProperty(Engine.HELPERS_DISABLE_PROPERTY);
            System.setProperty(OneDnnNatives.EXTENSION_PROPERTY, "-onednn");
            assertThat(Engine.applyDefault()).isEqualTo(Engine.ONEDNN);
            System.setProperty(Engine.HELPERS_DISABLE_PROPERTY, "true");
            assertThat(Engine.applyDefault()).as("an explicit choice stays").isEqualTo(Engine.BUILTIN);
            System.clearProperty(Engine.HELPERS_DISABLE_PROPERTY);
            System.clearProperty(OneDnnNatives.EXTENSION_PROPERTY);
            assertThat(Engine.applyDefault()).as("plain natives").isEqualTo(Engine.BUILTIN);
        } finally {
            restore(Engine.HELPERS_DISABLE_PROPERTY, helpers);
            restore(OneDnnNatives.EXTENSION_PROPERTY, extension);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
