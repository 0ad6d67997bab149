/**
 * Adversarial attacks and adversarial training (METHODS.md section 3), kept in three layers as MadryLab's
 * {@code robustness} library does: the threat geometry ({@link org.xai4j.adversarial.ThreatModel}: projection,
 * step direction, random start; {@link org.xai4j.adversarial.LinfBall}, {@link org.xai4j.adversarial.L2Ball}), the
 * attack loop ({@link org.xai4j.adversarial.Attack}: {@link org.xai4j.adversarial.Fgsm},
 * {@link org.xai4j.adversarial.Pgd}) and the training step ({@link org.xai4j.adversarial.AdversarialStep}, which
 * perturbs all or part of a batch and hands it to any other {@link org.xai4j.step.TrainingStep}). Robust
 * evaluation (package {@code org.xai4j.robustness}) uses these attacks on a trained model in inference mode.
 *
 * <p>References: Goodfellow, Shlens and Szegedy, "Explaining and harnessing adversarial examples", ICLR 2015
 * (FGSM); Madry et al., "Towards deep learning models resistant to adversarial attacks", ICLR 2018 (PGD, robust
 * optimisation); Khakzar et al., MICCAI 2019 (FGSM on half of each batch after clean training, chest X-rays);
 * Margeloiu et al., 2020 (PGD-L2 on skin lesions, epsilon scaled with the input size, robust fine-tuning).
 * All strategies are stateless: randomness comes from an explicit seed.
 */
package org.xai4j.adversarial;
