package org.xai4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelOptions;
import org.xai4j.model.ModelRegistry;

/**
 * The depth axis the volumes work builds on (no 3-D model here): shapes, samples and batches admit C x D x H x W,
 * images stay C x H x W, and what is 2-D only says so.
 */
class DepthAxisTest {
    @Test
    void imagesHaveDepthOneAndVolumesARankFiveBatchShape() throws Exception {
        InputShape image = new InputShape(2, 32, 24);
        assertThat(image.depth()).isEqualTo(1);
        assertThat(image.isVolume()).isFalse();
        assertThat(image.batchShape(4)).containsExactly(4, 2, 32, 24);
        assertThat(image).hasToString("2x32x24").isEqualTo(new InputShape(2, 1, 32, 24));
        InputShape volume = new InputShape(1, 5, 8, 6);
        assertThat(volume.batchShape(3)).containsExactly(3, 1, 5, 8, 6);
        assertThat(volume.mapShape(3)).containsExactly(3, 1, 5, 8, 6);
        assertThat(volume.pixels()).isEqualTo(5 * 8 * 6);
        assertThat(volume).hasToString("1x5x8x6");
        // a checkpoint's description written before the depth axis has no depth: it reads as an image
        InputShape old = new ObjectMapper().readValue("{\"channels\":1,\"height\":32,\"width\":32}", InputShape.class);
        assertThat(old).isEqualTo(new InputShape(1, 32, 32));
        assertThatThrownBy(() -> new InputShape(1, -2, 8, 8)).hasMessageContaining("1x-2x8x8");
    }

    @Test
    void volumesStackIntoRankFiveBatchesVoxelForVoxel() {
        int c = 2;
        int d = 3;
        int h = 4;
        int w = 5;
        Random r = new Random(1);
        float[][] px = new float[2][c * d * h * w];
        float[][] lesion = new float[2][d * h * w];
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < px[i].length; k++) {
                px[i][k] = r.nextFloat();
            }
            lesion[i][i * 7] = 1;
        }
        List<Sample> samples = List.of(
                new Sample("v0", px[0], c, d, h, w, new float[] {1}, lesion[0], Map.of(), List.of(), Split.TRAIN),
                new Sample("v1", px[1], c, d, h, w, new float[] {0}, lesion[1], Map.of(), List.of(), Split.TRAIN));
        Batch b = Batches.of(samples, DataType.DOUBLE);
        assertThat(b.features().shape()).containsExactly(2, c, d, h, w);
        assertThat(b.lesionMasks().shape()).containsExactly(2, 1, d, h, w);
        INDArray f = b.features();
        for (int i = 0; i < 2; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int z = 0; z < d; z++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            assertThat(f.getDouble(i, ch, z, y, x))
                                    .isEqualTo(px[i][((ch * d + z) * h + y) * w + x], org.assertj.core.data.Offset.offset(0.0));
                        }
                    }
                }
            }
        }
        assertThat(b.lesionMasks().getDouble(1, 0, 0, 1, 2)).as("voxel 7 = (z 0, y 1, x 2)").isEqualTo(1.0);
        SampleSet set = new SampleSet(List.of("pathological"), LabelTask.BINARY, c, d, h, w, samples);
        assertThat(set.shape()).isEqualTo("2x3x4x5");
        assertThat(new SampleSet(List.of("p"), LabelTask.BINARY, 1, 8, 8, List.of()).depth()).isEqualTo(1);
    }

    @Test
    void whatIsTwoDimensionalOnlySaysSo() {
        float[] px = new float[3 * 4 * 4];
        Sample volume = new Sample("vol", px, 1, 3, 4, 4, new float[] {0}, null, Map.of(), List.of(), Split.TRAIN);
        Sample image = new Sample("img", new float[16], 1, 4, 4, new float[] {0}, null, Map.of(), List.of(),
                Split.TRAIN);
        assertThatThrownBy(() -> Batches.of(List.of(image, volume), DataType.FLOAT)).hasMessageContaining("vol is "
                + "1x3x4x4").hasMessageContaining("expected 1x4x4");
        assertThatThrownBy(() -> new Sample("bad", px, 1, 2, 4, 4, new float[] {0}, null, Map.of(), List.of(),
                Split.TRAIN)).hasMessageContaining("expected 1x2x4x4");
        assertThatThrownBy(() -> ModelRegistry.build(ModelOptions.of("resnet18"), new InputShape(1, 3, 32, 32), 1, 1,
                DataType.FLOAT)).hasMessageContaining("resnet18 is a 2-D model").hasMessageContaining("1x3x32x32");
        TransformOptions flips = new TransformOptions(null, null, null, 1.0, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> new Transforms(flips).augment(volume, new Random(1)))
                .hasMessageContaining("2-D images").hasMessageContaining("vol");
        assertThat(new Transforms(TransformOptions.defaults()).normalise(volume)).isSameAs(volume);
    }
}
