package org.xai4j.secondorder;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise sum of the inputs (residual connections): linear, every input receives the output's gradients. */
final class RopAdd implements RopVertex {
    private int inputs;

    @Override
    public INDArray forward(INDArray[] in) {
        inputs = in.length;
        return sum(in);
    }

    @Override
    public INDArray tangent(INDArray[] inputTangents) {
        return sum(inputTangents);
    }

    @Override
    public INDArray[][] backward(INDArray d, INDArray rd) {
        INDArray[] ds = new INDArray[inputs];
        INDArray[] rds = new INDArray[inputs];
        Arrays.fill(ds, d);
        Arrays.fill(rds, rd);
        return new INDArray[][] {ds, rds};
    }

    private static INDArray sum(INDArray[] in) {
        INDArray out = in[0].dup();
        for (int i = 1; i < in.length; i++) {
            out.addi(in[i]);
        }
        return out;
    }
}
