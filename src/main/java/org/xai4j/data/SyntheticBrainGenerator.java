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
 * Pathologies: {@code tumor} (an irregular mass, optional necrotic core and oedema rim), {@code ms} (small
 * ovoid hyperintense periventricular white-matter lesions; with {@code preset: hard}, {@link HardMsLesions}: lesions
 * of low, overlapping contrast with partial volume, periventricular, juxtacortical and deep, and scanner variation),
 * {@code haemorrhage} (a compact haematoma, bright core and dark haemosiderin rim), and two structural findings
 * that change the anatomy instead of adding to it ({@link BrainAnatomy.Remodelling}): {@code enlarged_ventricles}
 * (lateral ventricles 1.4-1.9 times their size) and {@code atrophy} (a shrunken brain with widened sulci). In
 * multi-label mode any combination co-occurs, each finding with its own prevalence.
 * Every sample carries its lesion mask (the union of its findings' masks), boxes (one per tumour, MS lesion and
 * haemorrhage, one around each structural finding's extent) and concept masks {@code brain}, {@code grey_matter},
 * {@code white_matter}, {@code ventricles}, {@code skull}, one mask per enabled finding type and, with the marker
 * confounder, {@code marker}. A structural finding's mask is the set of pixels it changed: brain tissue that became
 * ventricle, or CSF, compared with the same head without it. Lesion pixels belong to {@code brain} but not to the
 * three tissue masks.
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
        // the findings added after tumour and MS draw from a stream of their own, so that images without them keep
        // every random draw (and every pixel) they had before those findings existed
        Random extra = new Random(seed(options.seed(), split, index, 2));
        List<String> findings = options.pathologies();
        BrainAnatomy.Remodelling change = remodelling(findings, d.findings, extra);
        int size = options.size();
        BrainAnatomy anatomy = BrainAnatomy.random(size, options.deformation(), rng, change);
        byte[] lesion = new byte[size * size];
        double[] boost = options.hard() ? new double[size * size] : null;
        Map<String, float[]> masks = new LinkedHashMap<>();
        List<BoundingBox> boxes = new ArrayList<>();
        float[] lesionMask = new float[size * size];
        for (int f = 0; f < findings.size(); f++) {
            float[] mask = new float[size * size];
            masks.put(findings.get(f), mask);
            if (!d.findings[f]) {
                continue;
            }
            int label = options.multiLabel() ? f : 0;
            List<int[]> parts = switch (findings.get(f)) {
                case "tumor" -> List.of(LesionPainter.tumor(anatomy, lesion, rng, options.necrosis(),
                        options.oedema()));
                case "ms" -> msLesions(anatomy, lesion, boost, rng);
                case "haemorrhage" -> List.of(LesionPainter.haemorrhage(anatomy, lesion, extra));
                case "enlarged_ventricles" -> changed(anatomy, t -> t == BrainAnatomy.VENTRICLE);
                default -> changed(anatomy, t -> t == BrainAnatomy.CSF);
            };
            for (int[] part : parts) {
                boxes.add(box(part, size, label));
                for (int i : part) {
                    mask[i] = 1f;
                    lesionMask[i] = 1f;
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

    /** The anatomical change of the structural findings an image shows (enlarged ventricles, atrophy). */
    private static BrainAnatomy.Remodelling remodelling(List<String> findings, boolean[] present, Random extra) {
        double ventricles = 1.4 + 0.5 * extra.nextDouble();
        double atrophy = 0.5 + 0.5 * extra.nextDouble();
        double[] sulci = {18 + extra.nextInt(13), 2 * Math.PI * extra.nextDouble(), 2 * Math.PI * extra.nextDouble()};
        int v = findings.indexOf("enlarged_ventricles");
        int a = findings.indexOf("atrophy");
        return new BrainAnatomy.Remodelling(v >= 0 && present[v] ? ventricles : 1, a >= 0 && present[a] ? atrophy : 0,
                sulci);
    }

    /** Pixels whose tissue the remodelling turned into {@code into} from brain tissue (its finding's extent). */
    private static List<int[]> changed(BrainAnatomy a, java.util.function.IntPredicate into) {
        int[] out = new int[a.tissue.length];
        int n = 0;
        for (int i = 0; i < a.tissue.length; i++) {
            byte before = a.healthyTissue[i];
            if (a.tissue[i] != before && into.test(a.tissue[i]) && before != BrainAnatomy.VENTRICLE
                    && BrainAnatomy.isBrain(before)) {
                out[n++] = i;
            }
        }
        return n == 0 ? List.of() : List.of(java.util.Arrays.copyOf(out, n));
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
                present[f] = rng.nextDouble() < options.prevalence(findings.get(f));
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
