package org.xai4j.adversarial;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;

/**
 * An adversarial attack: settings (threat model, valid range, the loss it attacks, steps) live in the
 * constructor; one call maps a batch to its adversarial examples. Attacks only call gradient-only methods of the
 * {@link ModelAdapter}, so they leave every parameter, BatchNorm running statistics included, bit-identical.
 *
 * <p>Mode: {@link Mode#INFERENCE} to attack a trained model (running statistics, gradients through the BN-folded
 * twin, DESIGN.md decision 4); {@link Mode#TRAINING} inside adversarial training (batch statistics of the
 * attacked batch, gradients through the live training graph, running statistics untouched).
 */
public interface Attack {
    /** Short name ({@code fgsm}, {@code pgd}). */
    String name();

    /** The set of perturbations this attack searches. */
    ThreatModel threatModel();

    /**
     * @param x      N x C x H x W clean inputs (not modified)
     * @param labels N x K: the true labels (untargeted attacks increase their loss) or, for a targeted attack,
     *               the target labels (whose loss it decreases)
     * @param mode   how the model runs while attacked
     * @param seed   seed of the random start (ignored by attacks without one)
     * @return N x C x H x W adversarial inputs in the model's data type, inside the threat model's ball around
     *         {@code x} and inside the valid input range
     */
    INDArray perturb(ModelAdapter adapter, INDArray x, INDArray labels, Mode mode, long seed);
}
