package org.xai4j.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The helpers that turn FLOP counts into efficiency: medians, the reference gemm, peak memory. */
class MeasurementTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Timing.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Timing.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
        assertThatThrownBy(() -> Timing.medianSeconds(0, 0, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gemmRateIsTwoNCubedOverTheTime() {
        assertThat(new GemmRate(1000, 0.5).gflops()).isEqualTo(4.0);
        GemmRate r = GemmReference.measure(128, 1, 3);
        assertThat(r.n()).isEqualTo(128);
        assertThat(r.gflops()).isPositive();
    }

    @Test
    void peakMemorySeesNativeArrays() throws Exception {
        try (PeakMemory m = PeakMemory.start(1)) {
            long before = m.window().processBytes();
            INDArray big = Nd4j.ones(DataType.FLOAT, 32, 1024, 1024); // 128 MiB, touched
            Thread.sleep(20);
            MemoryPeak p = m.window();
            assertThat(p.processBytes() - before).isGreaterThan(100L << 20);
            assertThat(p.heapBytes()).isPositive();
            big.close();
        }
    }
}
