package org.xai4j.data;

import java.util.Random;

/**
 * Healthy anatomy of one synthetic axial brain slice: a tissue code per pixel and the anatomical coordinates of
 * every pixel. Geometry lives in "anatomy space" (head ellipse, brain ellipse, grey-matter ribbon, two lateral
 * ventricles); a smooth random deformation field and a random similarity transform map image pixels into it.
 * Every transcendental function is evaluated with {@link StrictMath}, on per-row and per-column tables, so the
 * result is bit-identical on every JVM and fast.
 */
final class BrainAnatomy {
    static final byte BACKGROUND = 0;
    static final byte SCALP = 1;
    static final byte BONE = 2;
    static final byte MARROW = 3;
    static final byte CSF = 4;
    static final byte GREY = 5;
    static final byte WHITE = 6;
    static final byte VENTRICLE = 7;

    final int size;
    /** Anatomy coordinates of each pixel (row-major). */
    final float[] p;
    final float[] q;
    /** Tissue code of each pixel (row-major). */
    final byte[] tissue;
    /** Tissue code of each pixel of the same head without its {@link Remodelling} (the same array when none). */
    final byte[] healthyTissue;
    /** Similarity scale from image to anatomy space (anatomy units = image units / scale). */
    final double scale;
    /** Brain ellipse semi-axes in anatomy space. */
    final double brainA;
    final double brainB;
    /** Lateral ventricles: {cx, cy, a, b, cos, sin} each (local frame: x along a, y along b). */
    final double[][] ventricles;
    /** Rotation (cos, sin), translation and largest deformation of the image-to-anatomy map. */
    private double cos;
    private double sin;
    private double tx;
    private double ty;
    private double maxShift;

    private BrainAnatomy(int size, double scale, double brainA, double brainB, double[][] ventricles,
                         boolean remodelled) {
        this.size = size;
        this.p = new float[size * size];
        this.q = new float[size * size];
        this.tissue = new byte[size * size];
        this.healthyTissue = remodelled ? new byte[size * size] : tissue;
        this.scale = scale;
        this.brainA = brainA;
        this.brainB = brainB;
        this.ventricles = ventricles;
    }

    static boolean isBrain(byte t) {
        return t == GREY || t == WHITE || t == VENTRICLE;
    }

    static boolean isSkull(byte t) {
        return t == SCALP || t == BONE || t == MARROW;
    }

    /**
     * Structural findings that change the anatomy itself rather than add a lesion to it: enlarged lateral ventricles
     * (both semi-axes scaled by {@code ventricleScale}, each ventricle pushed outwards so they stay apart) and
     * cortical atrophy (a brain shrunk by {@code atrophy * 0.06} anatomy units inside an unchanged skull, i.e. a
     * wider extra-axial CSF space, and widened sulci: radial CSF clefts into the grey-matter ribbon, to a depth of
     * {@code 0.5 + 0.5 atrophy} of it, where {@code sin(k theta + a + 1.5 sin(3 theta + b)) > 0.85 - 0.35 atrophy},
     * theta being the angle on the brain ellipse).
     *
     * @param sulci {k, a, b} of the sulcal pattern (k a whole number of clefts around the brain)
     */
    record Remodelling(double ventricleScale, double atrophy, double[] sulci) {
        static final Remodelling NONE = new Remodelling(1, 0, new double[3]);

        boolean any() {
            return ventricleScale != 1 || atrophy != 0;
        }
    }

    /** Draws a random healthy head and rasterises it at {@code size x size}. */
    static BrainAnatomy random(int size, double deformation, Random rng) {
        return random(size, deformation, rng, Remodelling.NONE);
    }

    /**
     * Draws a random head, applies {@code change} and rasterises it at {@code size x size}; {@link #healthyTissue}
     * holds the same head without the change. The draws from {@code rng} do not depend on {@code change}, so a head
     * with and without it is the same head.
     */
    static BrainAnatomy random(int size, double deformation, Random rng, Remodelling change) {
        double headA = 0.80 + 0.04 * sym(rng);
        double headB = 0.90 + 0.03 * sym(rng);
        double skull = 0.085 + 0.015 * sym(rng);
        double gap = 0.025 + 0.015 * rng.nextDouble();
        double brainA = headA * (1 - skull) - gap;
        double brainB = headB * (1 - skull) - gap;
        double gmDepth = 0.11 + 0.02 * sym(rng);
        double vs = 0.7 + 0.7 * rng.nextDouble();
        double[][] ventricles = new double[2][];
        for (int side = 0; side < 2; side++) {
            double sign = side == 0 ? -1 : 1;
            double tilt = sign * StrictMath.toRadians(14 + 6 * sym(rng));
            double cx = sign * (0.09 + 0.025 * vs + 0.01 * sym(rng));
            double cy = -0.05 + 0.02 * sym(rng);
            double a = 0.035 + 0.03 * vs + 0.005 * sym(rng);
            double b = 0.17 + 0.08 * vs + 0.02 * sym(rng);
            ventricles[side] = new double[] {cx, cy, a, b, StrictMath.cos(tilt), StrictMath.sin(tilt)};
        }
        double angle = StrictMath.toRadians(8 * sym(rng));
        double scale = 0.95 + 0.05 * sym(rng);
        double tx = 0.03 * sym(rng);
        double ty = 0.03 * sym(rng);
        double[][] healthyVentricles = ventricles;
        if (change.ventricleScale() != 1) {
            healthyVentricles = new double[2][];
            for (int side = 0; side < 2; side++) {
                double[] v = ventricles[side];
                healthyVentricles[side] = v.clone();
                double grow = change.ventricleScale();
                double push = (side == 0 ? -1 : 1) * (grow - 1) * v[2];
                ventricles[side] = new double[] {v[0] + push, v[1], v[2] * grow, v[3] * grow, v[4], v[5]};
            }
        }
        double shrink = 0.06 * change.atrophy();
        BrainAnatomy a = new BrainAnatomy(size, scale, brainA - shrink, brainB - shrink, ventricles, change.any());
        Shape healthy = new Shape(brainA, brainB, healthyVentricles, 0, null);
        Shape shape = new Shape(brainA - shrink, brainB - shrink, ventricles, change.atrophy(), change.sulci());
        a.cos = StrictMath.cos(angle);
        a.sin = StrictMath.sin(angle);
        a.tx = tx;
        a.ty = ty;
        a.maxShift = 0.035 * deformation;

        SeparableField du = SeparableField.random(size, 3, 1.5, 4.0, 0.035 * deformation, rng);
        SeparableField dv = SeparableField.random(size, 3, 1.5, 4.0, 0.035 * deformation, rng);
        SeparableField gyri = SeparableField.random(size, 2, 20, 30, 0.5, rng);
        double cos = a.cos;
        double sin = a.sin;
        for (int y = 0; y < size; y++) {
            double v = (y + 0.5) * 2.0 / size - 1;
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                double u = (x + 0.5) * 2.0 / size - 1;
                double ud = u + du.at(x, y) - tx;
                double vd = v + dv.at(x, y) - ty;
                double pp = (cos * ud + sin * vd) / scale;
                double qq = (-sin * ud + cos * vd) / scale;
                a.p[i] = (float) pp;
                a.q[i] = (float) qq;
                double depth = gmDepth * (1 + gyri.at(x, y));
                a.tissue[i] = classify(shape, pp, qq, headA, headB, skull, depth);
                if (a.healthyTissue != a.tissue) {
                    a.healthyTissue[i] = classify(healthy, pp, qq, headA, headB, skull, depth);
                }
            }
        }
        return a;
    }

    /** What {@link #classify} needs of a head besides the skull: brain ellipse, ventricles and atrophy. */
    private record Shape(double brainA, double brainB, double[][] ventricles, double atrophy, double[] sulci) {
    }

    private static byte classify(Shape a, double p, double q, double headA, double headB, double skull,
                                 double gmDepth) {
        double eh = Math.sqrt(sq(p / headA) + sq(q / headB));
        if (eh > 1) {
            return BACKGROUND;
        }
        if (eh > 1 - skull) {
            double t = (eh - (1 - skull)) / skull;
            return t < 0.25 ? BONE : t < 0.5 ? MARROW : t < 0.6 ? BONE : SCALP;
        }
        double eb = Math.sqrt(sq(p / a.brainA) + sq(q / a.brainB));
        if (eb > 1) {
            return CSF;
        }
        if (inVentricle(a.ventricles(), p, q)) {
            return VENTRICLE;
        }
        if (eb <= 1 - gmDepth) {
            return WHITE;
        }
        if (a.atrophy() > 0 && eb > 1 - (0.5 + 0.5 * a.atrophy()) * gmDepth) {
            double[] k = a.sulci();
            double theta = StrictMath.atan2(q / a.brainB(), p / a.brainA());
            if (StrictMath.sin(k[0] * theta + k[1] + 1.5 * StrictMath.sin(3 * theta + k[2]))
                    > 0.85 - 0.35 * a.atrophy()) {
                return CSF;
            }
        }
        return GREY;
    }

    /** True when (p, q) lies within one of {@code ventricles}. */
    private static boolean inVentricle(double[][] ventricles, double p, double q) {
        for (double[] v : ventricles) {
            double dx = p - v[0];
            double dy = q - v[1];
            double lx = v[4] * dx + v[5] * dy;
            double ly = -v[5] * dx + v[4] * dy;
            if (sq(lx / v[2]) + sq(ly / v[3]) <= 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * Pixel window {x0, y0, x1, y1} (exclusive ends, clipped to the image) that surely holds every pixel whose
     * anatomy coordinates lie within {@code radius} of (p, q): the similarity map is inverted exactly and the
     * deformation bounded by its amplitude.
     */
    int[] window(double p, double q, double radius) {
        double u = scale * (cos * p - sin * q) + tx;
        double v = scale * (sin * p + cos * q) + ty;
        double r = (radius * scale + maxShift * Math.sqrt(2)) * size / 2 + 2;
        double cx = (u + 1) * size / 2 - 0.5;
        double cy = (v + 1) * size / 2 - 0.5;
        return new int[] {
            Math.max(0, (int) Math.floor(cx - r)), Math.max(0, (int) Math.floor(cy - r)),
            Math.min(size, (int) Math.ceil(cx + r) + 1), Math.min(size, (int) Math.ceil(cy + r) + 1)};
    }

    /** Size of one pixel in anatomy units. */
    double pixel() {
        return 2.0 / size / scale;
    }

    static double sym(Random rng) {
        return 2 * rng.nextDouble() - 1;
    }

    static double sq(double v) {
        return v * v;
    }
}
