package org.xai4j.faithfulness.axioms;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;

/**
 * Generates the samples of one {@link PatchScenario} with the trained model frozen (inference mode): per sample one
 * {@link PatchDecoder} per patch; at every step a new background and (except for saturation) new random positions,
 * every row of every unfinished sample in one forward and backward pass, the rows' losses back-propagated to the
 * pixels of the patch each row trains and from there into its decoder. A sample stops at the first step (from
 * {@link SynthesisOptions#checkFrom()}) at which every condition holds, and is kept with that step's background,
 * positions and patches; one that never holds is kept as not held, for the report.
 */
public final class PatchSynthesis {
    private PatchSynthesis() {
    }

    /** The scenario called {@code name} (null, single, double, saturation) for these outputs. */
    static PatchScenario scenario(String name, OutputPair outputs, SynthesisOptions o) {
        return switch (name) {
            case "null" -> new NullFeature(outputs, o.gamma(), o.contrast());
            case "single" -> new SingleFeature(outputs, o.gamma());
            case "double" -> new DoubleFeature(outputs, o.gamma());
            case "saturation" -> new Saturation(outputs, o.gamma());
            default -> throw new IllegalArgumentException("--scenarios: unknown '" + name
                    + "' (allowed: null, single, double, saturation)");
        };
    }

    /** Per-sample optimisation state. */
    private static final class State {
        final PatchDecoder[] decoders;
        final SplittableRandom random;
        double[] keys;
        SyntheticSample result;
        INDArray background;
        List<PatchPosition> positions;
        List<INDArray> decoded;
        PatchScenario.Status status;

        State(int patches, int channels, SynthesisOptions o, long seed) {
            decoders = new PatchDecoder[patches];
            for (int j = 0; j < patches; j++) {
                decoders[j] = new PatchDecoder(channels, o.patchSize(), o.lr(), seed * 31 + j);
            }
            random = new SplittableRandom(seed);
        }
    }

    /**
     * @param adapter     the frozen model
     * @param name        the scenario
     * @param outputs     the two outputs
     * @param backgrounds what patches are pasted on
     * @param count       samples to generate
     * @param o           settings
     * @return the samples, held or not, in generation order
     */
    public static List<SyntheticSample> generate(ModelAdapter adapter, String name, OutputPair outputs,
                                                 Backgrounds backgrounds, int count, SynthesisOptions o) {
        PatchScenario scenario = scenario(name, outputs, o);
        long[] shape = adapter.classifier().description().inputShape().batchShape(1);
        int channels = (int) shape[1];
        int size = (int) shape[2];
        if (shape[3] != size || 2 * o.patchSize() > size) {
            throw new IllegalArgumentException("synthesis: needs square images at least twice the patch side, got "
                    + shape[2] + " x " + shape[3] + " and patch " + o.patchSize());
        }
        List<State> states = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            states.add(new State(scenario.patches(), channels, o, o.seed() * 1_000_003L + s));
        }
        List<PatchScenario.Row> rows = scenario.rows();
        double range = backgrounds.high() - backgrounds.low();
        for (int it = 0; it < o.maxIterations(); it++) {
            List<State> active = states.stream().filter(st -> st.result == null).toList();
            if (active.isEmpty()) {
                break;
            }
            boolean warm = it < o.warmup();
            List<INDArray> images = new ArrayList<>();
            for (State st : active) {
                st.background = backgrounds.draw(st.random);
                INDArray bg = st.background;
                st.positions = scenario.place(st.random, size, o.patchSize(), p -> inside(bg, p, backgrounds.low(),
                        range));
                st.decoded = new ArrayList<>();
                for (PatchDecoder d : st.decoders) {
                    st.decoded.add(d.forward());
                }
                for (PatchScenario.Row row : rows) {
                    images.add(compose(st, row.present(), backgrounds.low(), range));
                }
            }
            INDArray x = Nd4j.concat(0, images.toArray(INDArray[]::new)).castTo(adapter.dataType());
            final boolean warming = warm;
            INDArray dx = adapter.inputGradient(x, z -> {
                INDArray g = Nd4j.zeros(z.dataType(), z.shape());
                double[][] logits = z.castTo(DataType.DOUBLE).toDoubleMatrix();
                for (int a = 0; a < active.size(); a++) {
                    State st = active.get(a);
                    double[][] out = new double[rows.size()][2];
                    for (int r = 0; r < rows.size(); r++) {
                        out[r][0] = outputs.value(0, logits[a * rows.size() + r]);
                        out[r][1] = outputs.value(1, logits[a * rows.size() + r]);
                    }
                    st.status = scenario.status(out);
                    double[] measured = st.status.keys();
                    if (st.keys == null) {
                        st.keys = new double[measured.length];
                        java.util.Arrays.fill(st.keys, o.initialKey());
                    }
                    if (!warming) {
                        for (int k = 0; k < measured.length; k++) {
                            st.keys[k] = o.alpha() * measured[k] + (1 - o.alpha()) * st.keys[k];
                        }
                    }
                    double[][] dLdo = new double[rows.size()][2];
                    scenario.outputGradient(out, st.keys, warming, dLdo);
                    for (int r = 0; r < rows.size(); r++) {
                        for (int k = 0; k < 2; k++) {
                            if (dLdo[r][k] != 0) {
                                INDArray w = Nd4j.createFromArray(outputs.weights(k)).castTo(z.dataType());
                                g.getRow(a * rows.size() + r).addi(w.muli(dLdo[r][k]));
                            }
                        }
                    }
                }
                return g;
            }, Mode.INFERENCE).castTo(DataType.DOUBLE);
            for (int a = 0; a < active.size(); a++) {
                State st = active.get(a);
                boolean holds = it >= o.checkFrom() && holds(st.status, o) && scenario.extraHolds(st.decoded);
                if (holds || it == o.maxIterations() - 1) {
                    st.result = sample(scenario, st, holds, it + 1, backgrounds.low(), range);
                    continue;
                }
                for (int j = 0; j < st.decoders.length; j++) {
                    INDArray dPatch = Nd4j.zeros(DataType.DOUBLE, 1, channels, o.patchSize(), o.patchSize());
                    for (int r = 0; r < rows.size(); r++) {
                        if (rows.get(r).trained() != j) {
                            continue;
                        }
                        for (PatchScenario.Placed p : rows.get(r).present()) {
                            if (p.patch() == j) {
                                dPatch.addi(crop(dx, a * rows.size() + r, st.positions.get(p.position())).muli(range));
                            }
                        }
                    }
                    scenario.patchGradient(j, st.decoded.get(j), dPatch);
                    st.decoders[j].step(dPatch);
                }
            }
        }
        return states.stream().map(st -> st.result).toList();
    }

    /**
     * Whether at least 75% of the background under the patch is brighter than 5% of the range (inside the anatomy of
     * a slice; always on noise).
     */
    static boolean inside(INDArray background, PatchPosition p, double low, double range) {
        INDArray under = background.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.interval(p.row(),
                p.row() + p.size()), NDArrayIndex.interval(p.col(), p.col() + p.size())).max(0);
        return under.gt(low + 0.05 * range).castTo(DataType.DOUBLE).meanNumber().doubleValue() >= 0.75;
    }

    private static boolean holds(PatchScenario.Status s, SynthesisOptions o) {
        for (double t : s.targets()) {
            if (!(t > o.accuracy())) {
                return false;
            }
        }
        for (double c : s.changes()) {
            if (!(c < o.independence())) {
                return false;
            }
        }
        return true;
    }

    private static INDArray compose(State st, List<PatchScenario.Placed> present, double low, double range) {
        INDArray image = st.background.dup();
        for (PatchScenario.Placed p : present) {
            SyntheticSample.paste(image, pixels(st.decoded.get(p.patch()), low, range), st.positions.get(p.position()));
        }
        return image;
    }

    /** Decoder output (0..1) to image values, C x p x p. */
    private static INDArray pixels(INDArray decoded, double low, double range) {
        long[] s = decoded.shape();
        return decoded.mul(range).addi(low).reshape(s[1], s[2], s[3]);
    }

    private static INDArray crop(INDArray dx, int row, PatchPosition p) {
        INDArray c = dx.get(NDArrayIndex.point(row), NDArrayIndex.all(), NDArrayIndex.interval(p.row(),
                p.row() + p.size()), NDArrayIndex.interval(p.col(), p.col() + p.size())).dup();
        return c.reshape(1, c.size(0), c.size(1), c.size(2));
    }

    private static SyntheticSample sample(PatchScenario scenario, State st, boolean held, int iterations, double low,
                                          double range) {
        List<INDArray> patches = new ArrayList<>();
        List<PatchPosition> positions = new ArrayList<>();
        for (PatchScenario.Placed p : scenario.scored()) {
            patches.add(pixels(st.decoded.get(p.patch()), low, range));
            positions.add(st.positions.get(p.position()));
        }
        return new SyntheticSample(scenario.name(), st.background, patches, positions, held, iterations,
                st.status.targets(), st.status.changes());
    }
}
