package org.xai4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MassInMaskTest {
    @Test
    void shareOfMassInsideTheMaskByHand() {
        float[] a = {1, -3, 2, 4};
        float[] mask = {1, 1, 0, 0};
        assertThat(MassInMask.absolute(a, mask)).isCloseTo(4.0 / 10, within(1e-12));
        assertThat(MassInMask.positive(a, mask)).isCloseTo(1.0 / 7, within(1e-12));
        assertThat(MassInMask.positive(new float[] {-1, -2}, new float[] {1, 0})).isNaN();
    }
}
