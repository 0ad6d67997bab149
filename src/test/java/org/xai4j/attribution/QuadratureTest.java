package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** Quadrature rules against hand-computed nodes and exactness on polynomials. */
class QuadratureTest {
    @Test
    void gaussLegendreNodesAndWeightsMatchTheTextbookValues() {
        Quadrature.Nodes two = Quadrature.GAUSS_LEGENDRE.nodes(2);
        double d = 0.5 / Math.sqrt(3);
        assertThat(two.alphas()[0]).isCloseTo(0.5 - d, offset(1e-15));
        assertThat(two.alphas()[1]).isCloseTo(0.5 + d, offset(1e-15));
        assertThat(two.weights()).containsExactly(new double[] {0.5, 0.5}, offset(1e-15));
        Quadrature.Nodes three = Quadrature.GAUSS_LEGENDRE.nodes(3);
        double e = 0.5 * Math.sqrt(0.6);
        assertThat(three.alphas()).containsExactly(new double[] {0.5 - e, 0.5, 0.5 + e}, offset(1e-15));
        assertThat(three.weights()).containsExactly(new double[] {5.0 / 18, 8.0 / 18, 5.0 / 18}, offset(1e-15));
        Quadrature.Nodes one = Quadrature.GAUSS_LEGENDRE.nodes(1);
        assertThat(one.alphas()).containsExactly(0.5);
        assertThat(one.weights()).containsExactly(1.0);
    }

    @Test
    void gaussLegendreIsExactForPolynomialsOfDegreeTwoNMinusOne() {
        for (int n : new int[] {2, 5, 50, 256}) {
            Quadrature.Nodes q = Quadrature.GAUSS_LEGENDRE.nodes(n);
            int degree = Math.min(2 * n - 1, 40);
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += q.weights()[i] * Math.pow(q.alphas()[i], degree);
            }
            assertThat(s).as("n=%d", n).isCloseTo(1.0 / (degree + 1), offset(1e-13));
        }
    }

    @Test
    void riemannRulesHaveTheirNodesAndWeightsSumToOne() {
        assertThat(Quadrature.RIEMANN_LEFT.nodes(4).alphas()).containsExactly(0, 0.25, 0.5, 0.75);
        assertThat(Quadrature.RIEMANN_RIGHT.nodes(4).alphas()).containsExactly(0.25, 0.5, 0.75, 1);
        assertThat(Quadrature.RIEMANN_MIDDLE.nodes(4).alphas()).containsExactly(0.125, 0.375, 0.625, 0.875);
        assertThat(Quadrature.RIEMANN_TRAPEZOID.nodes(3).alphas()).containsExactly(0, 0.5, 1);
        assertThat(Quadrature.RIEMANN_TRAPEZOID.nodes(3).weights()).containsExactly(0.25, 0.5, 0.25);
        for (Quadrature q : Quadrature.values()) {
            double sum = 0;
            for (double w : q.nodes(7).weights()) {
                sum += w;
            }
            assertThat(sum).as(q.label()).isCloseTo(1, offset(1e-14));
        }
    }

    @Test
    void badStepsAndNamesAreRefused() {
        assertThatThrownBy(() -> Quadrature.RIEMANN_TRAPEZOID.nodes(1)).hasMessageContaining("steps");
        assertThatThrownBy(() -> Quadrature.GAUSS_LEGENDRE.nodes(0)).hasMessageContaining("steps");
        assertThatThrownBy(() -> Quadrature.parse("simpson")).hasMessageContaining("gausslegendre");
        assertThat(Quadrature.parse("riemann_middle")).isEqualTo(Quadrature.RIEMANN_MIDDLE);
        assertThat(Quadrature.parse("gausslegendre")).isEqualTo(Quadrature.GAUSS_LEGENDRE);
    }
}
