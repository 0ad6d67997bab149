package org.xai4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class SmokeTest {
    @Test
    void nd4jNativeBackendLoads() {
        assertThat(Nd4j.create(new float[] {1, 2, 3}).sumNumber().doubleValue()).isEqualTo(6.0);
    }
}
