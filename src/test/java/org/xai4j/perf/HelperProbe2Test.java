package org.xai4j.perf;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class HelperProbe2Test {
    @Test
    void probe() throws Exception {
        Nd4j.create(1);
        System.out.println("P helpersAllowed " + Nd4j.getEnvironment().helpersAllowed());
        System.out.println("P backend " + Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
        System.out.println("P mklDnnEnabled " + org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled());
        var h = new org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper(DataType.FLOAT);
        System.out.println("P conv checkSupported " + h.checkSupported());
        System.out.println("P disable prop " + org.deeplearning4j.config.DL4JSystemProperties.DISABLE_HELPER_PROPERTY + "=" + System.getProperty(org.deeplearning4j.config.DL4JSystemProperties.DISABLE_HELPER_PROPERTY) + " default " + org.deeplearning4j.config.DL4JSystemProperties.HELPER_DISABLE_DEFAULT_VALUE);
    }
}
