/**
 * The training-step abstraction: a {@link org.xai4j.step.TrainingStep} turns a batch into a parameter gradient and
 * named loss parts ({@link org.xai4j.step.StepResult}); {@link org.xai4j.step.StandardStep} is the classification
 * loss alone. Loss terms and step decorators (the attribution constraint, adversarial training) build on this
 * package, and the training loop ({@code train}) runs whatever step they compose, so imports run
 * model/loss -> step -> constraint, adversarial -> train.
 */
package org.xai4j.step;
