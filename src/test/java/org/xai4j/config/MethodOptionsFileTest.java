package org.xai4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.Baseline;
import org.xai4j.attribution.ClassActivationMap;
import org.xai4j.attribution.ExpectedGradients;
import org.xai4j.attribution.IntegratedGradients;
import org.xai4j.attribution.NoiseTunnel;
import org.xai4j.attribution.Occlusion;
import org.xai4j.attribution.Quadrature;

/** Per-method settings files: each section bound strictly to the options record its method registered. */
class MethodOptionsFileTest {
    @Test
    void sectionsBindToEachMethodsOwnRecordAndLeaveTheOthersAlone(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("methods.yaml"), """
                ig: {steps: 32, quadrature: riemann_trapezoid, baseline: blur}
                eg: {samples: 16}
                vargrad: {sigma: 0.3}
                gradcam: {tap: last_conv}
                grad: {}
                """);
        AttributionOptions before = AttributionOptions.defaults().with("occlusion", new Occlusion.Options(3, 3, 0.5,
                8)).with("eg", new ExpectedGradients.Options(4, null, 7L, 8));
        AttributionOptions o = MethodOptionsFile.read(file, before);
        IntegratedGradients.Options ig = o.of("ig", IntegratedGradients.Options.class);
        assertThat(ig.steps()).isEqualTo(32);
        assertThat(ig.quadrature()).isEqualTo(Quadrature.RIEMANN_TRAPEZOID);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 1, 9, 9);
        assertThat(ig.baseline().of(x)).as("the blurred baseline").isEqualTo(Baseline.blurred(Baseline.BLUR_SIGMA)
                .of(x));
        assertThat(ig.internalBatch()).as("a key left out takes the default").isEqualTo(64);
        ExpectedGradients.Options eg = o.of("eg", ExpectedGradients.Options.class);
        assertThat(eg.samples()).isEqualTo(16);
        assertThat(eg.seed()).as("a section replaces the method's options").isZero();
        assertThat(o.of("vargrad", NoiseTunnel.Options.class).sigma()).isEqualTo(0.3);
        assertThat(o.of("smoothgrad", NoiseTunnel.Options.class).sigma()).as("another tunnel keeps its own")
                .isEqualTo(0.15);
        assertThat(o.of("gradcam", ClassActivationMap.Options.class).tap()).isEqualTo("last_conv");
        assertThat(o.of("occlusion", Occlusion.Options.class).patch()).as("no section: unchanged").isEqualTo(3);
    }

    @Test
    void unknownMethodsKeysAndBadValuesNameTheFileMethodAndKey(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> read(dir, "integrated: {steps: 3}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("methods.yaml").hasMessageContaining("integrated")
                .hasMessageContaining("allowed: grad, ixg, ig");
        assertThatThrownBy(() -> read(dir, "ig: {stepz: 3}")).hasMessageContaining("section ig")
                .hasMessageContaining("stepz");
        assertThatThrownBy(() -> read(dir, "ig: {steps: 0}")).hasMessageContaining("section ig")
                .hasMessageContaining("'steps': must be >= 1");
        assertThatThrownBy(() -> read(dir, "ig: {quadrature: simpson}")).hasMessageContaining("simpson")
                .hasMessageContaining("gausslegendre");
        assertThatThrownBy(() -> read(dir, "grad: {steps: 3}")).hasMessageContaining("grad has no settings");
        assertThatThrownBy(() -> read(dir, "eg: {background: x}")).hasMessageContaining("section eg")
                .hasMessageContaining("background");
        assertThatThrownBy(() -> read(dir, "- ig")).hasMessageContaining("methods.yaml");
        assertThatThrownBy(() -> MethodOptionsFile.read(dir.resolve("missing.yaml"), AttributionOptions.defaults()))
                .hasMessageContaining("missing.yaml").hasMessageContaining("not found");
    }

    private static AttributionOptions read(Path dir, String yaml) throws Exception {
        return MethodOptionsFile.read(Files.writeString(dir.resolve("methods.yaml"), yaml + "\n"),
                AttributionOptions.defaults());
    }
}
