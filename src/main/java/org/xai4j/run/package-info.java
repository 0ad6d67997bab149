/**
 * The run layout: one run's folder under {@code checkpoints/} ({@link org.xai4j.run.RunFolder}: resolved config,
 * provenance, metrics, checkpoints, analysis outputs), the checkpoint format ({@link org.xai4j.run.Checkpoint} with
 * its {@link org.xai4j.run.TrainingState}), and {@link org.xai4j.run.TrainedRun}, the one way a command opens a
 * trained run and one of its checkpoints ({@link org.xai4j.run.CheckpointChoice}). Depends on config, data and
 * model; the training loop writes what this package reads, and every analysis reads runs through it.
 */
package org.xai4j.run;
