package org.xai4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Places synthetic lesions on a {@link BrainAnatomy}, writing a lesion code per pixel and returning the pixels of
 * each lesion. Tumours are irregular masses (union of metaballs) with an optional necrotic core and oedema rim,
 * inside the brain; MS lesions are small ovoids in periventricular white matter, their long axis perpendicular to
 * the ventricle wall (Dawson's fingers); a haemorrhage is a compact intraparenchymal haematoma (bright core, dark
 * haemosiderin rim). Lesion sizes are fixed in anatomy units, i.e. scale with the image size;
 * at 64 px an MS lesion covers at least 6 pixels and a tumour's solid part at least 20.
 */
final class LesionPainter {
    static final byte NONE = 0;
    static final byte TUMOR = 1;
    static final byte NECROSIS = 2;
    static final byte OEDEMA = 3;
    static final byte MS = 4;
    static final byte HAEMORRHAGE = 5;
    static final byte HAEMOSIDERIN = 6;

    private static final int TRIES = 200;

    private LesionPainter() {
    }

    /** Paints one tumour; returns its pixels (solid part, necrotic core and oedema). */
    static int[] tumor(BrainAnatomy a, byte[] lesion, Random rng, double necrosisProbability,
                       double oedemaProbability) {
        double minSolid = 20 * sq(a.size / 64.0);
        for (int attempt = 0; attempt < TRIES; attempt++) {
            boolean necrotic = rng.nextDouble() < necrosisProbability;
            boolean oedema = rng.nextDouble() < oedemaProbability;
            double radius = 0.10 + 0.10 * rng.nextDouble();
            double rho = 0.6 * Math.sqrt(rng.nextDouble());
            double phi = 2 * Math.PI * rng.nextDouble();
            double cx = rho * a.brainA * StrictMath.cos(phi);
            double cy = rho * a.brainB * StrictMath.sin(phi);
            int balls = 3 + rng.nextInt(3);
            double[][] solid = new double[balls][];
            for (int k = 0; k < balls; k++) {
                double off = k == 0 ? 0 : 0.55 * radius * rng.nextDouble();
                double dir = 2 * Math.PI * rng.nextDouble();
                double r = radius * (k == 0 ? 0.8 : 0.45 + 0.35 * rng.nextDouble());
                solid[k] = new double[] {cx + off * StrictMath.cos(dir), cy + off * StrictMath.sin(dir), r * r};
            }
            double[][] rim = new double[balls + 3][];
            for (int k = 0; k < rim.length; k++) {
                if (k < balls) {
                    double grow = 1.2 + 0.4 * rng.nextDouble();
                    rim[k] = new double[] {solid[k][0], solid[k][1], solid[k][2] * grow * grow};
                } else {
                    double dir = 2 * Math.PI * rng.nextDouble();
                    double off = radius * (0.9 + 0.5 * rng.nextDouble());
                    double r = radius * (0.3 + 0.2 * rng.nextDouble());
                    rim[k] = new double[] {cx + off * StrictMath.cos(dir), cy + off * StrictMath.sin(dir), r * r};
                }
            }
            double[] solidLobes = lobes(rng, 10, 18, 0.35);
            double[] rimLobes = lobes(rng, 14, 24, 0.45);
            List<Integer> pixels = new ArrayList<>();
            int solidCount = 0;
            byte[] codes = new byte[lesion.length];
            for (int i = 0; i < lesion.length; i++) {
                byte t = a.tissue[i];
                if (!BrainAnatomy.isBrain(t) || lesion[i] != NONE) {
                    continue;
                }
                double f = field(solid, a.p[i], a.q[i]);
                double g = oedema && t != BrainAnatomy.VENTRICLE ? field(rim, a.p[i], a.q[i]) : 0;
                byte code = NONE;
                if (f < 1 - solidLobes[4] && g < 1 - rimLobes[4]) {
                    continue;
                }
                if (f >= threshold(solidLobes, a.p[i], a.q[i])) {
                    code = necrotic && f >= 2.6 ? NECROSIS : TUMOR;
                    solidCount++;
                } else if (g >= threshold(rimLobes, a.p[i], a.q[i])) {
                    code = OEDEMA;
                }
                if (code != NONE) {
                    codes[i] = code;
                    pixels.add(i);
                }
            }
            if (solidCount >= minSolid) {
                for (int i : pixels) {
                    lesion[i] = codes[i];
                }
                return pixels.stream().mapToInt(Integer::intValue).toArray();
            }
        }
        throw new IllegalStateException("could not place a tumour in " + TRIES + " tries");
    }

    /**
     * Paints one intraparenchymal haemorrhage: a slightly irregular ovoid (two overlapping balls, radius 0.06-0.11
     * anatomy units, i.e. 2-4 px at 64 px) in grey or white matter away from the ventricles, its outer third a
     * haemosiderin rim; at least 10 pixels at 64 px. Returns its pixels.
     */
    static int[] haemorrhage(BrainAnatomy a, byte[] lesion, Random rng) {
        double minArea = 10 * sq(a.size / 64.0);
        for (int attempt = 0; attempt < TRIES; attempt++) {
            double radius = 0.06 + 0.05 * rng.nextDouble();
            double rho = 0.7 * Math.sqrt(rng.nextDouble());
            double phi = 2 * Math.PI * rng.nextDouble();
            double cx = rho * a.brainA * StrictMath.cos(phi);
            double cy = rho * a.brainB * StrictMath.sin(phi);
            double dir = 2 * Math.PI * rng.nextDouble();
            double off = 0.5 * radius * rng.nextDouble();
            double[][] balls = {
                {cx, cy, radius * radius},
                {cx + off * StrictMath.cos(dir), cy + off * StrictMath.sin(dir), sq(0.8 * radius)},
            };
            int[] w = a.window(cx, cy, 2 * radius);
            int[] pixels = new int[Math.max(0, w[2] - w[0]) * Math.max(0, w[3] - w[1])];
            byte[] codes = new byte[pixels.length];
            int n = 0;
            for (int y = w[1]; y < w[3]; y++) {
                for (int x = w[0]; x < w[2]; x++) {
                    int i = y * a.size + x;
                    byte t = a.tissue[i];
                    if ((t != BrainAnatomy.GREY && t != BrainAnatomy.WHITE) || lesion[i] != NONE) {
                        continue;
                    }
                    double f = field(balls, a.p[i], a.q[i]);
                    if (f >= 1) {
                        codes[n] = f >= 2.2 ? HAEMORRHAGE : HAEMOSIDERIN;
                        pixels[n++] = i;
                    }
                }
            }
            if (n >= minArea) {
                for (int k = 0; k < n; k++) {
                    lesion[pixels[k]] = codes[k];
                }
                return java.util.Arrays.copyOf(pixels, n);
            }
        }
        throw new IllegalStateException("could not place a haemorrhage in " + TRIES + " tries");
    }

    /** Paints {@code count} MS lesions (at least one is guaranteed); returns the pixels of each. */
    static List<int[]> ms(BrainAnatomy a, byte[] lesion, Random rng, int count) {
        double px64 = 2.0 / 64 / a.scale; // one pixel of a 64 px image, in anatomy units
        double minArea = 6 * sq(a.size / 64.0);
        List<int[]> lesions = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            for (int attempt = 0; attempt < TRIES; attempt++) {
                double[] v = a.ventricles[rng.nextInt(a.ventricles.length)];
                double t = 2 * Math.PI * rng.nextDouble();
                double lx = v[2] * StrictMath.cos(t);
                double ly = v[3] * StrictMath.sin(t);
                double nx = StrictMath.cos(t) / v[2];
                double ny = StrictMath.sin(t) / v[3];
                double norm = Math.sqrt(nx * nx + ny * ny);
                nx /= norm;
                ny /= norm;
                double along = (1.8 + 1.4 * rng.nextDouble()) * px64;
                double across = (1.4 + 0.7 * rng.nextDouble()) * px64;
                double dist = along + (0.2 + 3.5 * rng.nextDouble()) * px64;
                double ex = lx + nx * dist;
                double ey = ly + ny * dist;
                // back to anatomy coordinates; the normal rotates with the ventricle
                double cx = v[0] + v[4] * ex - v[5] * ey;
                double cy = v[1] + v[5] * ex + v[4] * ey;
                double ax = v[4] * nx - v[5] * ny;
                double ay = v[5] * nx + v[4] * ny;
                int[] pixels = ellipse(a, lesion, cx, cy, ax, ay, along, across);
                if (pixels.length >= minArea) {
                    for (int i : pixels) {
                        lesion[i] = MS;
                    }
                    lesions.add(pixels);
                    break;
                }
            }
        }
        if (lesions.isEmpty()) {
            throw new IllegalStateException("could not place an MS lesion in " + TRIES + " tries");
        }
        return lesions;
    }

    private static int[] ellipse(BrainAnatomy a, byte[] lesion, double cx, double cy, double ax, double ay,
                                 double along, double across) {
        int[] w = a.window(cx, cy, along);
        int[] out = new int[Math.max(0, w[2] - w[0]) * Math.max(0, w[3] - w[1])];
        int n = 0;
        for (int y = w[1]; y < w[3]; y++) {
            for (int x = w[0]; x < w[2]; x++) {
                int i = y * a.size + x;
                if (a.tissue[i] != BrainAnatomy.WHITE || lesion[i] != NONE) {
                    continue;
                }
                double dx = a.p[i] - cx;
                double dy = a.q[i] - cy;
                double l = dx * ax + dy * ay;
                double c = -dx * ay + dy * ax;
                if (sq(l / along) + sq(c / across) <= 1) {
                    out[n++] = i;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Lobulated threshold {@code 1 + amp * sin(k1 p + a) * sin(k2 q + b)}: {k1, a, k2, b, amp}. */
    private static double[] lobes(Random rng, double kMin, double kMax, double amp) {
        return new double[] {kMin + (kMax - kMin) * rng.nextDouble(), 2 * Math.PI * rng.nextDouble(),
            kMin + (kMax - kMin) * rng.nextDouble(), 2 * Math.PI * rng.nextDouble(), amp};
    }

    private static double threshold(double[] l, double p, double q) {
        return 1 + l[4] * StrictMath.sin(l[0] * p + l[1]) * StrictMath.sin(l[2] * q + l[3]);
    }

    private static double field(double[][] balls, double p, double q) {
        double f = 0;
        for (double[] b : balls) {
            f += b[2] / (sq(p - b[0]) + sq(q - b[1]) + 1e-12);
        }
        return f;
    }

    private static double sq(double v) {
        return v * v;
    }
}
