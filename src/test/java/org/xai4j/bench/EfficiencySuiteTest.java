package org.xai4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelRegistry;
import org.xai4j.perf.FlopCounter;

/** Issue 6's networks: the suite's cases, and its small ResNet at the issue's cost (configurations only). */
class EfficiencySuiteTest {
    @Test
    void casesAreTheIssuesNetworksSmallestFirst() {
        assertThat(EfficiencySuite.cases()).extracting(BenchCase::label)
                .containsExactly("quickstart-resnet", "small-resnet", "resnet18-64", "densenet121-128");
    }

    @Test
    void smallResnetCostsTheIssues029GflopPerTrainingImage() {
        BenchCase c = EfficiencySuite.cases().get(1);
        assertThat(c.model().architecture()).isEqualTo("resnet-cifar");
        assertThat(c.model().blocks()).isEqualTo(List.of(1, 1, 1));
        assertThat(c.shape()).isEqualTo(new InputShape(1, 64, 64));
        assertThat(c.batch()).isEqualTo(32);
        double gflop = FlopCounter.count(ModelRegistry.build(c.model(), c.shape(), 1, 1, DataType.FLOAT)
                .configuration(), c.shape()).training() / 1e9;
        assertThat(gflop).isCloseTo(0.29, within(0.29 * 0.03));
    }
}
