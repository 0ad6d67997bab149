package org.xai4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchIteratorTest {
    private static final SampleSet SET = Synth.of(10, 0, 0).channels(2).multiLabel().size(32).load();

    @Test
    void batchesHaveTheRightShapesTypesAndValues() {
        BatchIterator it = BatchIterator.of(SET.samples(), 4).withDataType(DataType.DOUBLE);
        assertThat(it.numBatches()).isEqualTo(3);
        List<Batch> batches = new ArrayList<>();
        it.epoch(0).forEach(batches::add);
        assertThat(batches).extracting(Batch::size).containsExactly(4, 4, 2);
        Batch b = batches.get(0);
        assertThat(b.features().shape()).containsExactly(4, 2, 32, 32);
        assertThat(b.labels().shape()).containsExactly(4, 2);
        assertThat(b.lesionMasks().shape()).containsExactly(4, 1, 32, 32);
        assertThat(b.features().dataType()).isEqualTo(DataType.DOUBLE);
        Sample s1 = SET.samples().get(1);
        assertThat(b.ids().get(1)).isEqualTo(s1.id());
        assertThat(b.features().getDouble(1, 1, 5, 7)).isEqualTo((double) s1.pixels()[32 * 32 + 5 * 32 + 7]);
        assertThat(b.labels().getDouble(1, 1)).isEqualTo((double) s1.labels()[1]);
        int lesionPixel = firstLesionPixel(s1);
        if (lesionPixel >= 0) {
            assertThat(b.lesionMasks().getDouble(1, 0, lesionPixel / 32, lesionPixel % 32)).isEqualTo(1.0);
        }
        Batch f = BatchIterator.of(SET.samples(), 4).epoch(0).iterator().next();
        assertThat(f.features().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(f.features().getFloat(1, 1, 5, 7)).isEqualTo(s1.pixels()[32 * 32 + 5 * 32 + 7]);
    }

    @Test
    void noLesionMasksUnlessEverySampleHasOne() {
        List<Sample> mixed = new ArrayList<>(SET.samples().subList(0, 3));
        Sample s = mixed.get(0);
        mixed.set(0, new Sample(s.id(), s.pixels(), 2, 32, 32, s.labels(), null, null, null, s.split()));
        assertThat(Batches.of(mixed, DataType.FLOAT).lesionMasks()).isNull();
    }

    @Test
    void shufflingIsSeededDiffersPerEpochAndCoversEverySampleOnce() {
        BatchIterator a = BatchIterator.of(SET.samples(), 3).withShuffle(7);
        BatchIterator b = BatchIterator.of(SET.samples(), 3).withShuffle(7);
        List<String> e0 = ids(a, 0);
        assertThat(e0).isEqualTo(ids(b, 0));
        assertThat(e0).containsExactlyInAnyOrderElementsOf(SET.samples().stream().map(Sample::id).toList());
        List<String> e1 = ids(a, 1);
        assertThat(e1).containsExactlyInAnyOrderElementsOf(e0);
        assertThat(e1).isNotEqualTo(e0);
        assertThat(ids(BatchIterator.of(SET.samples(), 3).withShuffle(8), 0)).isNotEqualTo(e0);
        assertThat(ids(BatchIterator.of(SET.samples(), 3), 0))
                .isEqualTo(SET.samples().stream().map(Sample::id).toList());
    }

    @Test
    void augmentationOnlyWhenAskedAndReproduciblePerEpoch() {
        Transforms t = new Transforms(new TransformOptions(null, null, null, 1.0, null, null, null, null, null, null,
                null));
        INDArray raw = first(BatchIterator.of(SET.samples(), 10), 0);
        INDArray plain = first(BatchIterator.of(SET.samples(), 10).withTransforms(t, false), 0);
        assertThat(plain).isEqualTo(raw);
        BatchIterator aug = BatchIterator.of(SET.samples(), 10).withShuffle(3).withTransforms(t, true);
        BatchIterator unshuffled = BatchIterator.of(SET.samples(), 10).withTransforms(t, true);
        INDArray flipped = first(unshuffled, 0);
        // horizontal flip with probability 1: column x of the batch is column 31 - x of the raw images
        assertThat(flipped.getDouble(2, 0, 10, 4)).isEqualTo(raw.getDouble(2, 0, 10, 27));
        assertThat(first(aug, 1)).isEqualTo(first(aug, 1));
    }

    private static int firstLesionPixel(Sample s) {
        for (int i = 0; i < s.lesionMask().length; i++) {
            if (s.lesionMask()[i] > 0) {
                return i;
            }
        }
        return -1;
    }

    private static INDArray first(BatchIterator it, int epoch) {
        return it.epoch(epoch).iterator().next().features();
    }

    private static List<String> ids(BatchIterator it, int epoch) {
        List<String> ids = new ArrayList<>();
        for (Batch b : it.epoch(epoch)) {
            ids.addAll(b.ids());
        }
        return ids;
    }
}
