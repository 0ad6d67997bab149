package org.xai4j.perf;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelOptions;

class HelperProbeTest {
    @Test
    void probe() throws Exception {
        org.nd4j.linalg.factory.Nd4j.create(1);
        System.out.println("BUILD: " + org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo());
        Classifier c = Classifier.build(new ModelOptions("resnet18", 0.25, List.of(1, 1, 1, 1), 0.0), new InputShape(1, 64, 64), 1, 1, DataType.FLOAT);
        for (Layer l : c.graph().getLayers()) {
            Object helper = null;
            try {
                helper = l.getClass().getMethod("getHelper").invoke(l);
            } catch (NoSuchMethodException e) {
                continue;
            }
            System.out.println("HELPER " + l.conf().getLayer().getLayerName() + " " + l.getClass().getSimpleName() + " -> " + helper);
        }
    }
}
