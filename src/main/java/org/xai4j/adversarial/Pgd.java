package org.xai4j.adversarial;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.loss.LogitLoss;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;

/**
 * Projected gradient descent (Madry et al., ICLR 2018): from a random start in the ball, {@code steps} times
 * {@code x <- clip(Proj_ball(x + stepSize * step(dL/dx)))}, with MadryLab's conventions: the step direction and
 * projection come from the {@link ThreatModel}, {@code restarts} independent runs, and (with {@code keepBest})
 * each example keeps its worst case over all iterates and restarts. With {@code keepBest} the clean input is a
 * candidate too, so the attack objective of every example is never lower than at the clean input (measured in
 * the mode the attack runs in). Margeloiu et al. (2020) use L2, 7 steps, step eps/5, random start.
 *
 * <p>Cost: {@code steps * restarts} gradient passes, plus one forward pass per restart to score the last iterate
 * (when {@code keepBest} or {@code restarts > 1}) and one to score the clean input (when {@code keepBest} and
 * {@code randomStart}).
 */
public final class Pgd implements Attack {
    private final ThreatModel threat;
    private final InputRange range;
    private final LogitLoss loss;
    private final Settings settings;

    /**
     * The attack loop's settings.
     *
     * @param steps       gradient steps per restart (>= 1)
     * @param stepSize    length of each step in the threat model's norm (> 0)
     * @param randomStart start from a random point of the ball (else from the clean input)
     * @param restarts    independent runs (>= 1); each example keeps its worst case
     * @param targeted    decrease the loss of target labels instead of increasing the loss of the true labels
     * @param keepBest    return each example's worst iterate (MadryLab's {@code use_best}) rather than the last
     */
    public record Settings(int steps, double stepSize, boolean randomStart, int restarts, boolean targeted,
                           boolean keepBest) {
        public Settings {
            if (steps < 1) {
                throw new IllegalArgumentException("steps: must be >= 1, got " + steps);
            }
            if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
                throw new IllegalArgumentException("stepSize: must be finite and > 0, got " + stepSize);
            }
            if (restarts < 1) {
                throw new IllegalArgumentException("restarts: must be >= 1, got " + restarts);
            }
        }
    }

    public Pgd(ThreatModel threat, InputRange range, LogitLoss loss, Settings settings) {
        this.threat = threat;
        this.range = range;
        this.loss = loss;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "pgd";
    }

    @Override
    public ThreatModel threatModel() {
        return threat;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public INDArray perturb(ModelAdapter adapter, INDArray x, INDArray labels, Mode mode, long seed) {
        Flat flat = Flat.of(x, adapter.dataType());
        INDArray x0 = flat.x0();
        AttackObjective objective = new AttackObjective(loss, labels, settings.targeted());
        SplittableRandom rng = new SplittableRandom(seed);
        boolean select = settings.keepBest() || settings.restarts() > 1;
        Best best = new Best(x0.dup(), null);
        if (settings.keepBest() && settings.randomStart()) {
            best.offer(x0, objective.valuesAt(adapter, flat.image(x0), mode));
        }
        INDArray xt = x0;
        for (int r = 0; r < settings.restarts(); r++) {
            xt = settings.randomStart() ? start(x0, rng) : x0.dup();
            for (int t = 0; t < settings.steps(); t++) {
                AttackObjective.Point p = objective.at(adapter, flat.image(xt), mode);
                if (settings.keepBest()) {
                    best.offer(xt, p.values());
                }
                INDArray moved = xt.add(threat.step(flat.rows(p.gradient()), settings.stepSize()));
                xt = range.clip(threat.project(moved, x0), x0);
            }
            if (select) {
                best.offer(xt, objective.valuesAt(adapter, flat.image(xt), mode));
            }
        }
        return flat.image(select ? best.x : xt);
    }

    private INDArray start(INDArray x0, SplittableRandom rng) {
        INDArray noise = threat.randomPerturbation(x0.size(0), x0.size(1), x0.dataType(), rng);
        return range.clip(threat.project(x0.add(noise), x0), x0);
    }

    /** Each example's highest-objective candidate so far. */
    private static final class Best {
        private final INDArray x;
        private double[] values;

        Best(INDArray x, double[] values) {
            this.x = x;
            this.values = values;
        }

        void offer(INDArray candidate, double[] candidateValues) {
            if (values == null) {
                x.assign(candidate);
                values = candidateValues.clone();
                return;
            }
            for (int i = 0; i < values.length; i++) {
                if (candidateValues[i] > values[i]) {
                    x.putRow(i, candidate.getRow(i));
                    values[i] = candidateValues[i];
                }
            }
        }
    }
}
