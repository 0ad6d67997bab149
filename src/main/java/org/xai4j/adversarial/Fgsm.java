package org.xai4j.adversarial;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.loss.LogitLoss;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;

/**
 * The fast gradient sign method (Goodfellow, Shlens and Szegedy, ICLR 2015): one step of length epsilon in the
 * threat model's steepest-ascent direction of the loss, {@code x_adv = clip(x + eps * sign(dL/dx))} for Linf
 * (for L2 the fast gradient method {@code x + eps * g / ||g||_2}), clipped to the valid range. Used with Linf
 * eps = 0.005 on half of each batch by Khakzar et al. (MICCAI 2019). One gradient pass; no random start.
 */
public final class Fgsm implements Attack {
    private final ThreatModel threat;
    private final InputRange range;
    private final LogitLoss loss;
    private final boolean targeted;

    /**
     * @param threat   the ball (its epsilon is the step length)
     * @param range    valid input range
     * @param loss     the loss the attack increases
     * @param targeted decrease the loss of target labels instead
     */
    public Fgsm(ThreatModel threat, InputRange range, LogitLoss loss, boolean targeted) {
        this.threat = threat;
        this.range = range;
        this.loss = loss;
        this.targeted = targeted;
    }

    @Override
    public String name() {
        return "fgsm";
    }

    @Override
    public ThreatModel threatModel() {
        return threat;
    }

    @Override
    public INDArray perturb(ModelAdapter adapter, INDArray x, INDArray labels, Mode mode, long seed) {
        Flat flat = Flat.of(x, adapter.dataType());
        AttackObjective objective = new AttackObjective(loss, labels, targeted);
        INDArray g = flat.rows(objective.at(adapter, flat.image(flat.x0()), mode).gradient());
        INDArray step = threat.step(g, threat.epsilon());
        return flat.image(range.clip(threat.project(flat.x0().add(step), flat.x0()), flat.x0()));
    }
}
