package org.xai4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * MS-like lesions of the {@code hard} preset (issue 12, section 5): lesions that an intensity threshold cannot
 * separate from normal-appearing tissue, as on real FLAIR scans (the intensity baseline reaches Dice 0.43 on
 * MSSEG2015). Each lesion is an ovoid of random orientation, from a few pixels to about 30 at 64 px, placed
 * periventricular (45%), juxtacortical (35%, at the white-grey boundary, reaching into the cortex) or in deep
 * white matter (20%). Its FLAIR intensity is the local tissue's times {@code 1 + c w}, with a per-lesion contrast
 * {@code c} in [0.3, 0.9] (so many lesions are no brighter than grey matter or the bias field's bright side) and a partial-volume weight {@code w}
 * that falls from 1 inside to 0 over the rim; about 40% of the larger lesions have a hypo-intense core (contrast
 * times 0.35). The lesion mask holds the pixels with {@code w >= 0.5}.
 */
final class HardMsLesions {
    private static final int TRIES = 200;

    private HardMsLesions() {
    }

    /**
     * Paints {@code count} lesions (at least one is guaranteed).
     *
     * @param boost per pixel, the relative FLAIR intensity increase {@code c w} (written where larger)
     * @return the mask pixels of each lesion
     */
    static List<int[]> paint(BrainAnatomy a, byte[] lesion, double[] boost, Random rng, int count) {
        int s = a.size;
        double px = s / 64.0;
        Candidates sites = Candidates.of(a, px);
        List<int[]> lesions = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            for (int attempt = 0; attempt < TRIES; attempt++) {
                double u = rng.nextDouble();
                int[] pool = u < 0.45 ? sites.periventricular : u < 0.8 ? sites.juxtacortical : sites.deep;
                if (pool.length == 0) {
                    continue;
                }
                int centre = pool[rng.nextInt(pool.length)];
                double along = px * (0.7 + 2.6 * Math.pow(rng.nextDouble(), 1.5));
                double across = along * (0.5 + 0.5 * rng.nextDouble());
                double theta = Math.PI * rng.nextDouble();
                double contrast = 0.3 + 0.6 * rng.nextDouble();
                boolean core = along * across >= 3 * px * px && rng.nextDouble() < 0.4;
                int[] painted = ovoid(a, lesion, boost, centre, along, across, theta, contrast, core,
                        Math.max(2, (int) Math.round(2 * px * px)));
                if (painted != null) {
                    lesions.add(painted);
                    break;
                }
            }
        }
        if (lesions.isEmpty()) {
            throw new IllegalStateException("could not place an MS lesion in " + TRIES + " tries");
        }
        return lesions;
    }

    /** Paints one ovoid when its mask has at least {@code minPixels} pixels; returns them, else null. */
    private static int[] ovoid(BrainAnatomy a, byte[] lesion, double[] boost, int centre, double along,
                               double across, double theta, double contrast, boolean core, int minPixels) {
        int s = a.size;
        int cx = centre % s;
        int cy = centre / s;
        int reach = (int) Math.ceil(1.3 * along) + 1;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        List<Integer> mask = new ArrayList<>();
        List<double[]> soft = new ArrayList<>();
        for (int y = Math.max(0, cy - reach); y <= Math.min(s - 1, cy + reach); y++) {
            for (int x = Math.max(0, cx - reach); x <= Math.min(s - 1, cx + reach); x++) {
                int i = y * s + x;
                byte t = a.tissue[i];
                if ((t != BrainAnatomy.WHITE && t != BrainAnatomy.GREY) || lesion[i] != LesionPainter.NONE) {
                    continue;
                }
                double dx = x - cx;
                double dy = y - cy;
                double l = (dx * cos + dy * sin) / along;
                double c = (-dx * sin + dy * cos) / across;
                double r = Math.sqrt(l * l + c * c);
                double w = Math.min(1, Math.max(0, (1.25 - r) / 0.5));
                if (w <= 0) {
                    continue;
                }
                double b = contrast * w * (core && r < 0.45 ? 0.35 : 1);
                soft.add(new double[] {i, b});
                if (w >= 0.5) {
                    mask.add(i);
                }
            }
        }
        if (mask.size() < minPixels) {
            return null;
        }
        for (double[] e : soft) {
            int i = (int) e[0];
            boost[i] = Math.max(boost[i], e[1]);
        }
        int[] out = mask.stream().mapToInt(Integer::intValue).toArray();
        for (int i : out) {
            lesion[i] = LesionPainter.MS;
        }
        return out;
    }

    /** White-matter pixels by placement: near a ventricle, near grey matter, or neither. */
    private record Candidates(int[] periventricular, int[] juxtacortical, int[] deep) {
        static Candidates of(BrainAnatomy a, double px) {
            int s = a.size;
            int r = Math.max(1, (int) Math.round(2 * px));
            List<Integer> peri = new ArrayList<>();
            List<Integer> juxta = new ArrayList<>();
            List<Integer> deep = new ArrayList<>();
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    if (a.tissue[y * s + x] != BrainAnatomy.WHITE) {
                        continue;
                    }
                    boolean nearVentricle = false;
                    boolean nearGrey = false;
                    for (int v = Math.max(0, y - r); v <= Math.min(s - 1, y + r); v++) {
                        for (int u = Math.max(0, x - r); u <= Math.min(s - 1, x + r); u++) {
                            byte t = a.tissue[v * s + u];
                            nearVentricle |= t == BrainAnatomy.VENTRICLE;
                            nearGrey |= t == BrainAnatomy.GREY && Math.abs(u - x) + Math.abs(v - y) <= r;
                        }
                    }
                    (nearVentricle ? peri : nearGrey ? juxta : deep).add(y * s + x);
                }
            }
            return new Candidates(ints(peri), ints(juxta), ints(deep));
        }

        private static int[] ints(List<Integer> l) {
            return l.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
