package org.xai4j.secondorder;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Normalisation with the statistics of the current input, {@code y = gamma (x - mu) / s + beta},
 * {@code s = sqrt(var + eps)} (biased variance), over the axes {@code dims}: batch normalisation in training mode
 * (batch and spatial axes) and instance normalisation (spatial axes). With {@code xhat = (x - mu) / s} and
 * {@code r = R{x}}, {@code R{s} = mean(xhat r)} and {@code R{xhat} = (r - mean(r) - xhat R{s}) / s}; the backward
 * pass {@code dx = (g - mean(g) - xhat mean(g xhat)) / s}, {@code g = gamma dy}, has the tangent
 * {@code R{dx} = (R{g} - mean(R{g}) - R{xhat} mean(g xhat) - xhat mean(R{g} xhat + g R{xhat})) / s - dx R{s} / s},
 * and {@code R{dgamma} = sum(R{dy} xhat + dy R{xhat})}, {@code R{dbeta} = sum(R{dy})} (sums over every axis but the
 * channel's).
 */
final class RopNormalization implements RopVertex {
    private final INDArray gamma;
    private final INDArray beta;
    private final double eps;
    private int[] dims;
    private final String gammaKey;
    private final String betaKey;
    private final Map<String, INDArray> gradient;
    private INDArray xhat;
    private INDArray std;
    private INDArray tangentXhat;
    private INDArray tangentStd;
    private long[] paramShape;

    /**
     * @param dims the axes the statistics are taken over ({2, 3} for instance normalisation); null: every axis but
     *             the channel's (batch normalisation: {0, 2, 3} for feature maps, {0} for features)
     */
    RopNormalization(INDArray gamma, INDArray beta, String gammaKey, String betaKey, double eps, int[] dims,
                     Map<String, INDArray> gradient) {
        this.gamma = gamma;
        this.beta = beta;
        this.gammaKey = gammaKey;
        this.betaKey = betaKey;
        this.eps = eps;
        this.dims = dims == null ? null : dims.clone();
        this.gradient = gradient;
    }

    @Override
    public INDArray forward(INDArray[] inputs) {
        INDArray x = inputs[0];
        paramShape = x.rank() == 4 ? new long[] {1, x.size(1), 1, 1} : new long[] {1, x.size(1)};
        if (dims == null) {
            dims = x.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
        }
        INDArray centred = x.sub(x.mean(true, dims));
        std = org.nd4j.linalg.ops.transforms.Transforms.sqrt(centred.mul(centred).mean(true, dims).addi(eps), false);
        xhat = centred.divi(std);
        return xhat.mul(gamma.reshape(paramShape)).addi(beta.reshape(paramShape));
    }

    @Override
    public INDArray tangent(INDArray[] inputTangents) {
        INDArray r = inputTangents[0];
        tangentStd = xhat.mul(r).mean(true, dims);
        tangentXhat = r.sub(r.mean(true, dims)).subi(xhat.mul(tangentStd)).divi(std);
        return tangentXhat.mul(gamma.reshape(paramShape));
    }

    @Override
    public INDArray[][] backward(INDArray d, INDArray rd) {
        int[] all = d.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
        INDArray g0 = gradient.get(gammaKey);
        g0.addi(rd.mul(xhat).addi(d.mul(tangentXhat)).sum(all).reshape(g0.shape()));
        INDArray b0 = gradient.get(betaKey);
        b0.addi(rd.sum(all).reshape(b0.shape()));
        INDArray gm = gamma.reshape(paramShape);
        INDArray g = d.mul(gm);
        INDArray rg = rd.mul(gm);
        INDArray meanGx = g.mul(xhat).mean(true, dims);
        INDArray dx = g.sub(g.mean(true, dims)).subi(xhat.mul(meanGx)).divi(std);
        INDArray tangentMeanGx = rg.mul(xhat).addi(g.mul(tangentXhat)).mean(true, dims);
        INDArray rdx = rg.sub(rg.mean(true, dims)).subi(tangentXhat.mul(meanGx)).subi(xhat.mul(tangentMeanGx))
                .divi(std).subi(dx.mul(tangentStd).divi(std));
        return new INDArray[][] {{dx}, {rdx}};
    }
}
