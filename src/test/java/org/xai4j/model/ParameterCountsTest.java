package org.xai4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/** Reference networks at 3x224x224 with 1000 outputs have torchvision's trainable parameter counts. */
class ParameterCountsTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "resnet18, 11689512",
            "resnet34, 21797672",
            "resnet50, 25557032",
            "densenet121, 7978856",
            "vgg11, 132863336",
            "vgg16, 138357544",
            // torchvision's vgg16_bn (138,365,992) keeps a redundant conv bias before BN: 4,224 more
            "vgg16-bn, 138361768",
    })
    void matchesTorchvision(String architecture, long expected) {
        BuiltModel m = ModelRegistry.build(ModelOptions.of(architecture), new InputShape(3, 224, 224), 1000, 1,
                DataType.FLOAT);
        assertThat(ParameterCounts.trainable(m.configuration())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"resnet18", "densenet121"})
    void totalAddsTwoRunningStatisticsPerBatchNormChannel(String architecture) {
        BuiltModel m = ModelRegistry.build(ModelOptions.of(architecture), new InputShape(3, 224, 224), 1000, 1,
                DataType.FLOAT);
        assertThat(ParameterCounts.total(m.configuration())).isGreaterThan(ParameterCounts.trainable(m.configuration()));
    }
}
