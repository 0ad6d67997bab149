package org.xai4j.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.testing.TestGraphs;

/** The points of the training attributions and the attribution maps they make. */
class AttributionPointsTest {
    static SubBatch sub() {
        INDArray batch = ConstraintFixtures.images(TestGraphs.RESIDUAL_INPUT, 6, DataType.DOUBLE, 21);
        return ConstraintFixtures.subBatch(batch, 1, 4);
    }

    @Test
    void integratedGradientsWithOneStepIsInputXGradient() {
        ModelAdapter adapter = new ModelAdapter(TestGraphs.residualConcat(DataType.DOUBLE, 3));
        AttributionConstraint term = new AttributionConstraint(new AttributionLoss(Penalty.RELU, 1, 
                ConstraintOptions.Normalization.NONE), Target.logit(0), ConstraintOptions.Difference.CENTRAL, 1e-5);
        INDArray ig = term.attribution(adapter, new IntegratedGradientsAttribution(1).points(sub(), null), 1);
        INDArray ixg = term.attribution(adapter, new InputXGradientAttribution().points(sub(), null), 1);
        assertThat(ig.sub(ixg).amaxNumber().doubleValue()).isLessThan(1e-15);
    }

    @Test
    void expectedGradientsPointsLieBetweenAReferenceAndTheImage() {
        SubBatch s = sub();
        PointSet points = new ExpectedGradientsAttribution(3, 0.0).points(s, new SplittableRandom(1));
        assertThat(points.size()).isEqualTo(3);
        for (int j = 0; j < 3; j++) {
            AttributionPoint p = points.point(j);
            assertThat(p.input()).isEqualTo(points.point(j).input());
            for (int i = 0; i < s.size(); i++) {
                INDArray x = s.images().slice(i);
                INDArray r = x.sub(p.multiplier().slice(i).mul(3));
                boolean fromBatch = false;
                for (int b = 0; b < s.batch().size(0); b++) {
                    if (b != s.rows()[i] && r.sub(s.batch().slice(b)).amaxNumber().doubleValue() < 1e-12) {
                        fromBatch = true;
                    }
                }
                assertThat(fromBatch).as("reference of image " + i + " is another image of the batch").isTrue();
                INDArray along = p.input().slice(i).sub(r);
                double alpha = along.sumNumber().doubleValue() / x.sub(r).sumNumber().doubleValue();
                assertThat(alpha).isBetween(0.0, 1.0);
                assertThat(along.sub(x.sub(r).mul(alpha)).amaxNumber().doubleValue()).isLessThan(1e-12);
            }
        }
    }

    @Test
    void zeroReferencesWhenAsked() {
        SubBatch s = sub();
        AttributionPoint p = new ExpectedGradientsAttribution(1, 1.0).points(s, new SplittableRandom(2)).point(0);
        assertThat(p.multiplier().sub(s.images()).amaxNumber().doubleValue()).isLessThan(1e-15);
    }

    @Test
    void sumMergesThePointsAtTheImages() {
        SubBatch s = sub();
        PointSet points = new SumAttribution(List.of(new GradientAttribution(), new InputXGradientAttribution(),
                new IntegratedGradientsAttribution(2))).points(s, new SplittableRandom(3));
        assertThat(points.size()).isEqualTo(3);
        assertThat(points.point(0).input()).isSameAs(s.images());
        assertThat(points.point(0).multiplier().sub(s.images().add(1)).amaxNumber().doubleValue()).isZero();
    }
}
