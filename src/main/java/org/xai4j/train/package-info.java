/** The training loop, its steps, optimiser setup, listeners (metrics CSV, DL4J UI), checkpoints and early stopping. */
package org.xai4j.train;
