package org.xai4j.adversarial;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.data.Batch;
import org.xai4j.loss.LogitLoss;
import org.xai4j.loss.SoftmaxCrossEntropy;
import org.xai4j.model.InputShape;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.step.StepResult;
import org.xai4j.step.TrainingStep;

/**
 * Adversarial training as a step decorator (robust optimisation {@code min_theta E max_delta L(f(x + delta), y)},
 * Madry et al. 2018): the first {@code round(fraction * N)} examples of each (shuffled) batch are replaced by
 * adversarial examples and the whole batch goes to the wrapped step, which forms the gradient as it would on clean
 * data. {@code fraction = 1} is Madry's training, {@code 0.5} Khakzar et al.'s mixed batches.
 *
 * <p>Order of terms: (1) the attack maximises the classification loss it was built with (never the wrapped step's
 * other terms) on the examples to perturb alone, in {@link Mode#TRAINING} on the live graph (batch statistics of
 * those examples, dropout active); its passes only compute gradients, so they move no parameter and no BatchNorm
 * running statistic; (2) the wrapped step runs on the mixed batch: its forward/backward is the only pass whose
 * running-statistics update the training loop applies, and every term it has (weighted BCE, softmax CE, an
 * attribution-constraint term) is evaluated on the perturbed images with the original labels and masks.
 *
 * <p>Stateless: the random start of each batch is seeded from the run seed and the graph's iteration count, so
 * runs repeat exactly and a resumed run continues as the uninterrupted one.
 */
public final class AdversarialStep implements TrainingStep {
    private final Attack attack;
    private final double fraction;
    private final boolean targeted;
    private final boolean oneHot;
    private final TrainingStep inner;
    private final long seed;

    /**
     * @param attack   the attack (its loss is the attack objective)
     * @param fraction share of each batch to perturb, in (0, 1]
     * @param targeted the attack is targeted: it gets {@link TargetLabels#flipped} labels
     * @param oneHot   labels are one-hot multi-class rows (for flipping)
     * @param inner    the step that forms the gradient on the (partly) adversarial batch
     * @param seed     run seed
     */
    public AdversarialStep(Attack attack, double fraction, boolean targeted, boolean oneHot, TrainingStep inner,
                           long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction: must be in (0, 1], got " + fraction);
        }
        this.attack = attack;
        this.fraction = fraction;
        this.targeted = targeted;
        this.oneHot = oneHot;
        this.inner = inner;
        this.seed = seed;
    }

    /**
     * The step a run's adversarial options ask for: {@code inner} itself when adversarial training is off, else
     * {@code inner} wrapped in an adversarial step whose attack increases {@code loss}.
     */
    public static TrainingStep wrap(AdversarialOptions options, TrainingStep inner, LogitLoss loss, InputShape shape,
                                    long seed) {
        if (!options.enabled()) {
            return inner;
        }
        return new AdversarialStep(Attacks.create(options.attack(), loss, shape), options.fraction(),
                options.attack().targeted(), loss instanceof SoftmaxCrossEntropy, inner, seed);
    }

    @Override
    public StepResult compute(ModelAdapter adapter, Batch batch) {
        return inner.compute(adapter, adversarialBatch(adapter, batch));
    }

    /** The batch the wrapped step trains on: its first {@link #perturbedCount} examples attacked. */
    public Batch adversarialBatch(ModelAdapter adapter, Batch batch) {
        int n = batch.size();
        int m = perturbedCount(n);
        if (m == 0) {
            return batch;
        }
        INDArray x = batch.features();
        INDArray xs = m == n ? x : rows(x, 0, m);
        INDArray ys = m == n ? batch.labels() : rows(batch.labels(), 0, m);
        INDArray labels = targeted ? TargetLabels.flipped(ys, oneHot) : ys;
        long iteration = adapter.graph().getConfiguration().getIterationCount();
        INDArray adv = attack.perturb(adapter, xs, labels, Mode.TRAINING, mix(seed, iteration)).castTo(x.dataType());
        INDArray features = m == n ? adv : Nd4j.concat(0, adv, rows(x, m, n));
        return new Batch(features, batch.labels(), batch.lesionMasks(), batch.ids(), batch.brainMasks());
    }

    /** Number of examples perturbed in a batch of {@code n}. */
    public int perturbedCount(int n) {
        return fraction == 1.0 ? n : (int) Math.min(n, Math.round(fraction * n));
    }

    private static INDArray rows(INDArray a, int from, int to) {
        INDArrayIndex[] index = new INDArrayIndex[a.rank()];
        index[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < index.length; i++) {
            index[i] = NDArrayIndex.all();
        }
        return a.get(index).dup();
    }

    /** SplitMix64-style mixing of the run seed and the iteration (robust evaluation seeds its attacks the same way). */
    public static long mix(long seed, long iteration) {
        long z = seed * 0x9E3779B97F4A7C15L + iteration;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
