package org.xai4j.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.data.Batches;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.Split;
import org.xai4j.model.InputShape;
import org.xai4j.testing.TinyRuns;

/** The reconstruction baseline learns (its loss falls), sees healthy images only, and round-trips through a file. */
class AutoencoderTest {
    private static final AutoencoderOptions SMALL = new AutoencoderOptions(4, 8, 3e-3, 4, 2, 3);
    private static List<Sample> train;
    private static AutoencoderFit fit;

    @BeforeAll
    static void trainOnce() {
        train = DataSources.load(TinyRuns.config(1, "data.synthetic.train=32", "data.synthetic.val=0",
                "data.synthetic.test=0").data(), Path.of(".")).split(Split.TRAIN);
        fit = AutoencoderTraining.train(train, SMALL, null);
    }

    @Test
    void isFedOnlyTheHealthyImagesEachEpoch() {
        List<String> healthy = train.stream().filter(s -> !s.isPathological()).map(Sample::id).toList();
        List<String> sick = train.stream().filter(Sample::isPathological).map(Sample::id).toList();
        assertThat(healthy).isNotEmpty();
        assertThat(sick).isNotEmpty();
        assertThat(fit.fedIds()).containsExactlyInAnyOrderElementsOf(healthy).doesNotContainAnyElementsOf(sick);
        assertThat(fit.autoencoder().info().healthyImages()).isEqualTo(healthy.size());
        assertThatThrownBy(() -> AutoencoderTraining.train(train.stream().filter(Sample::isPathological).toList(),
                SMALL, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no healthy");
    }

    @Test
    void reconstructionLossDecreases() {
        assertThat(fit.epochLosses()).hasSize(4);
        assertThat(fit.epochLosses().get(3)).isLessThan(fit.epochLosses().get(0));
        ConvAutoencoder.Info info = fit.autoencoder().info();
        assertThat(info.mseAfter()).isLessThan(0.7 * info.mseBefore());
        assertThat(AutoencoderTraining.meanSquaredError(fit.autoencoder(),
                AutoencoderTraining.healthy(train), 5)).isCloseTo(info.mseAfter(), within(1e-6));
    }

    @Test
    void residualIsTheAbsoluteReconstructionError() {
        List<Sample> two = train.subList(0, 2);
        INDArray x = Batches.of(two, DataType.FLOAT).features();
        INDArray recon = fit.autoencoder().reconstruct(x);
        List<float[]> maps = new ReconstructionMaps(fit.autoencoder(), 1).maps(two);
        assertThat(maps).hasSize(2);
        for (int i : new int[] {0, 17, 32 * 16 + 5, 1023}) {
            double expected = Math.abs(x.getDouble(1, 0, i / 32, i % 32) - recon.getDouble(1, 0, i / 32, i % 32));
            assertThat((double) maps.get(1)[i]).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void savesAndLoadsWithItsInfo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/ae.ckpt");
        fit.autoencoder().save(file);
        ConvAutoencoder back = ConvAutoencoder.load(file);
        assertThat(back.info()).isEqualTo(fit.autoencoder().info());
        INDArray x = Batches.of(train.subList(0, 3), DataType.FLOAT).features();
        assertThat(back.reconstruct(x)).isEqualTo(fit.autoencoder().reconstruct(x));
        Files.writeString(dir.resolve("junk.ckpt"), "not a zip");
        assertThatThrownBy(() -> ConvAutoencoder.load(dir.resolve("junk.ckpt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("junk.ckpt");
        assertThatThrownBy(() -> ConvAutoencoder.load(dir.resolve("none.ckpt"))).hasMessageContaining("not found");
    }

    @Test
    void refusesShapesItCannotTake() {
        assertThatThrownBy(() -> ConvAutoencoder.build(new InputShape(1, 36, 36), SMALL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divisible by 8");
        assertThatThrownBy(() -> fit.autoencoder().reconstruct(Nd4j.zeros(DataType.FLOAT, 1, 1, 64, 64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1x32x32");
    }
}
