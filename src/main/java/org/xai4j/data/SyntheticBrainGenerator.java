package org.xai4j.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic generator of synthetic axial brain-MRI slices with exact ground truth, for measuring whether an
 * explanation points at the lesion (in the spirit of the synthetic benchmarks of Arun et al. 2021, "Assessing the
 * trustworthiness of saliency maps for localizing abnormalities in medical imaging", and of Zech et al. 2018 for
 * confounders).
 *
 * <p>Each image shows a head (scalp, skull), extra-axial CSF, a brain with a folded grey-matter ribbon, white
 * matter and two lateral ventricles, deformed by a smooth random field, with a bias field and Rician noise.
 * Pathologies: {@code tumor} (an irregular mass, optional necrotic core and oedema rim) and {@code ms} (small
 * ovoid hyperintense periventricular white-matter lesions; with {@code preset: hard}, {@link HardMsLesions}: lesions
 * of low, overlapping contrast with partial volume, periventricular, juxtacortical and deep, and scanner variation).
 * Every sample carries its lesion mask, boxes (one per
 * tumour, one per MS lesion) and concept masks {@code brain}, {@code grey_matter}, {@code white_matter},
 * {@code ventricles}, {@code skull}, one mask per enabled finding type ({@code tumor}, {@code ms}) and, with the
 * marker confounder, {@code marker}. Lesion pixels belong to {@code brain} but not to the three tissue masks.
 *
 * <p>Sample {@code i} of split {@code s} is drawn from its own RNG seeded from (seed, s, i): any subset is
 * bit-identical to the same samples in a full run.
 */
public final class SyntheticBrainGenerator implements DataSource {
    /** Label name of binary mode. */
    public static final String PATHOLOGICAL = "pathological";

    private final SyntheticOptions options;

    public SyntheticBrainGenerator(SyntheticOptions options) {
        this.options = options;
    }

    public SyntheticOptions options() {
        return options;
    }

    /** {@code [pathological]} in binary mode, the enabled finding types in multi-label mode. */
    public List<String> labelNames() {
        return options.multiLabel() ? options.pathologies() : List.of(PATHOLOGICAL);
    }

    public LabelTask task() {
        return options.multiLabel() ? LabelTask.MULTI_LABEL : LabelTask.BINARY;
    }

    /** Generates all splits (TRAIN, then VAL, then TEST). */
    @Override
    public SampleSet load() {
        List<Sample> samples = new ArrayList<>();
        for (Split split : Split.values()) {
            for (int i = 0; i < options.count(split); i++) {
                samples.add(sample(split, i));
            }
        }
        return new SampleSet(labelNames(), task(), options.channels(), options.size(), options.size(), samples);
    }

    /** Which findings sample (split, index) shows, in the order of {@link SyntheticOptions#pathologies()}. */
    public boolean[] findings(Split split, int index) {
        return design(split, index).findings;
    }

    /** Whether sample (split, index) carries the shortcut confounder (always false for type {@code none}). */
    public boolean confounderPresent(Split split, int index) {
        return design(split, index).confounded;
    }

    /** Generates sample {@code index} of {@code split}. */
    public Sample sample(Split split, int index) {
        Design d = design(split, index);
        Random rng = new Random(seed(options.seed(), split, index, 1));
        int size = options.size();
        BrainAnatomy anatomy = BrainAnatomy.random(size, options.deformation(), rng);
        byte[] lesion = new byte[size * size];
        double[] boost = options.hard() ? new double[size * size] : null;
        List<String> findings = options.pathologies();
        Map<String, float[]> masks = new LinkedHashMap<>();
        List<BoundingBox> boxes = new ArrayList<>();
        for (int f = 0; f < findings.size(); f++) {
            float[] mask = new float[size * size];
            masks.put(findings.get(f), mask);
            if (!d.findings[f]) {
                continue;
            }
            int label = options.multiLabel() ? f : 0;
            List<int[]> parts = findings.get(f).equals("tumor")
                    ? List.of(LesionPainter.tumor(anatomy, lesion, rng, options.necrosis(), options.oedema()))
                    : msLesions(anatomy, lesion, boost, rng);
            for (int[] part : parts) {
                boxes.add(box(part, size, label));
                for (int i : part) {
                    mask[i] = 1f;
                }
            }
        }
        float[] pixels = MriRenderer.render(anatomy, lesion, boost, options.channels(), options.noise(),
                options.biasField(), d.effect, rng);
        addTissueMasks(masks, anatomy, lesion);
        if ("marker".equals(options.confounder().type())) {
            float[] marker = new float[size * size];
            if (d.effect == MriRenderer.Effect.MARKER) {
                for (int i : MriRenderer.markerPixels(size)) {
                    marker[i] = 1f;
                }
            }
            masks.put("marker", marker);
        }
        float[] lesionMask = new float[size * size];
        for (int i = 0; i < lesion.length; i++) {
            lesionMask[i] = lesion[i] != LesionPainter.NONE ? 1f : 0f;
        }
        float[] labels = new float[labelNames().size()];
        if (options.multiLabel()) {
            for (int f = 0; f < findings.size(); f++) {
                labels[f] = d.findings[f] ? 1f : 0f;
            }
        } else {
            labels[0] = d.pathological() ? 1f : 0f;
        }
        String id = String.format("synth-%s-%05d", split.label(), index);
        return new Sample(id, pixels, options.channels(), size, size, labels, lesionMask, masks, boxes, split);
    }

    private List<int[]> msLesions(BrainAnatomy anatomy, byte[] lesion, double[] boost, Random rng) {
        int count = options.msMinLesions() + rng.nextInt(options.msMaxLesions() - options.msMinLesions() + 1);
        return boost != null ? HardMsLesions.paint(anatomy, lesion, boost, rng, count)
                : LesionPainter.ms(anatomy, lesion, rng, count);
    }

    private static void addTissueMasks(Map<String, float[]> masks, BrainAnatomy a, byte[] lesion) {
        int n = lesion.length;
        float[] brain = new float[n];
        float[] grey = new float[n];
        float[] white = new float[n];
        float[] ventricles = new float[n];
        float[] skull = new float[n];
        for (int i = 0; i < n; i++) {
            byte t = a.tissue[i];
            boolean healthy = lesion[i] == LesionPainter.NONE;
            brain[i] = BrainAnatomy.isBrain(t) ? 1f : 0f;
            skull[i] = BrainAnatomy.isSkull(t) ? 1f : 0f;
            grey[i] = healthy && t == BrainAnatomy.GREY ? 1f : 0f;
            white[i] = healthy && t == BrainAnatomy.WHITE ? 1f : 0f;
            ventricles[i] = healthy && t == BrainAnatomy.VENTRICLE ? 1f : 0f;
        }
        masks.put("brain", brain);
        masks.put("grey_matter", grey);
        masks.put("white_matter", white);
        masks.put("ventricles", ventricles);
        masks.put("skull", skull);
    }

    private static BoundingBox box(int[] pixels, int size, int label) {
        int x0 = size;
        int y0 = size;
        int x1 = 0;
        int y1 = 0;
        for (int i : pixels) {
            int x = i % size;
            int y = i / size;
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x + 1);
            y1 = Math.max(y1, y + 1);
        }
        return new BoundingBox(label, x0, y0, x1, y1);
    }

    /** Labels and confounder of one sample, drawn from a stream of their own so they are cheap to query. */
    private Design design(Split split, int index) {
        Random rng = new Random(seed(options.seed(), split, index, 0));
        List<String> findings = options.pathologies();
        boolean[] present = new boolean[findings.size()];
        if (options.multiLabel()) {
            for (int f = 0; f < present.length; f++) {
                present[f] = rng.nextDouble() < options.prevalence();
            }
        } else if (rng.nextDouble() < options.prevalence()) {
            present[rng.nextInt(present.length)] = true;
        }
        Design d = new Design(present, false, MriRenderer.Effect.NONE);
        ConfounderOptions c = options.confounder();
        double u = rng.nextDouble();
        if (!c.enabled()) {
            return d;
        }
        double p = split == Split.TEST ? 0.5 : d.pathological() ? c.rate() : 1 - c.rate();
        boolean on = u < p;
        MriRenderer.Effect effect = !on ? MriRenderer.Effect.NONE : switch (c.type()) {
            case "intensity" -> MriRenderer.Effect.INTENSITY;
            case "noise" -> MriRenderer.Effect.NOISE;
            default -> MriRenderer.Effect.MARKER;
        };
        return new Design(present, on, effect);
    }

    private static long seed(long seed, Split split, int index, int stream) {
        return Seeds.mix(seed, split.ordinal(), index, stream);
    }

    private record Design(boolean[] findings, boolean confounded, MriRenderer.Effect effect) {
        boolean pathological() {
            for (boolean f : findings) {
                if (f) {
                    return true;
                }
            }
            return false;
        }
    }
}
