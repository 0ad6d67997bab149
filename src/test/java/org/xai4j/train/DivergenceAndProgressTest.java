package org.xai4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.junit.jupiter.api.Test;
import org.xai4j.config.TrainOptions;
import org.xai4j.run.TrainingState;
import org.xai4j.step.StepResult;
import org.xai4j.testing.TinyRuns;

/** Issue 21: divergence stops a run with the likely causes; the progress line's rate starts after the first batch. */
class DivergenceAndProgressTest {
    private static StepResult loss(double wbce, double constraint) {
        return new StepResult(new DefaultGradient(), Map.of("wbce", wbce, "constraint", constraint));
    }

    @Test
    void aNonFiniteLossPartOrALossFarAboveTheFirstStopsTheRunNamingTheCauses() {
        TrainOptions constrained = TinyRuns.config(1, "train.constraint.enabled=true",
                "train.constraint.lambda=3").train();
        Divergence d = new Divergence(constrained);
        d.check(loss(0.7, 0.1), 1, 1, 1);
        d.check(loss(500, 0.1), 1, 2, 2); // below 1000 x 0.8
        assertThatThrownBy(() -> d.check(loss(0.6, Double.NaN), 2, 3, 40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("training diverged at epoch 2, batch 3 (iteration 40): loss part 'constraint' is NaN")
                .hasMessageContaining("train.lr").hasMessageContaining("train.constraint.lambda 3");
        assertThatThrownBy(() -> d.check(loss(1e12, 0), 2, 4, 41))
                .hasMessageContaining("the loss is 1.000e+12, more than train.divergenceFactor (1000)")
                .hasMessageNotContaining("adversarial");
        Divergence plain = new Divergence(TinyRuns.config(1, "train.divergenceFactor=1e20").train());
        plain.check(loss(0.7, 0), 1, 1, 1);
        plain.check(loss(1e12, 0), 1, 2, 2);
    }

    @Test
    void theFirstProgressLineHasNoRateAndLaterOnesAreRealistic() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2, false, 0);
        p.onStart(null, TrainingState.start(1e-3), 3);
        p.onIteration(null, 1, 1, 1, loss(0.7, 0), 32);
        Thread.sleep(50);
        p.onIteration(null, 1, 2, 2, loss(0.7, 0), 32);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).contains("batch 1/3  - img/s  ETA -");
        double rate = Double.parseDouble(lines[1].replaceAll(".*batch 2/3  ([0-9]+) img/s.*", "$1"));
        assertThat(rate).isBetween(1.0, 32 / 0.05);
    }
}
