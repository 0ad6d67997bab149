package org.xai4j.bench;

/**
 * Cost of a PGD-k adversarial training step relative to a standard step, both medians of interleaved timings on
 * the same batch (interleaved).
 *
 * @param steps           k
 * @param standardSeconds median wall time of a standard training step (forward, backward, update)
 * @param pgdSeconds      median wall time of a PGD-k training step (attack, forward, backward, update)
 * @param ratio           median over repetitions of (PGD-k step time / the standard step timed just before it)
 * @param cpuRatio        the same ratio of process CPU time
 */
public record PgdCostResult(int steps, double standardSeconds, double pgdSeconds, double ratio, double cpuRatio) {
    /** The target of issue #4: k attack passes + 1 training pass, with 15% slack. */
    public double target() {
        return 1.15 * (steps + 1);
    }

    public boolean withinTarget() {
        return ratio <= target();
    }
}
