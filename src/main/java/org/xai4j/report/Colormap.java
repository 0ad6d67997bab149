package org.xai4j.report;

/**
 * A perceptually ordered colour map for heat maps: piecewise-linear through five anchors of matplotlib's
 * {@code inferno} (black - purple - red - orange - pale yellow).
 */
final class Colormap {
    private static final int[][] ANCHORS = {{0, 0, 4}, {87, 16, 110}, {188, 55, 84}, {249, 142, 9}, {252, 255, 164}};

    private Colormap() {
    }

    /** RGB of a value in [0, 1] (clamped). */
    static int rgb(double v) {
        double t = Math.max(0, Math.min(1, v)) * (ANCHORS.length - 1);
        int i = Math.min((int) Math.floor(t), ANCHORS.length - 2);
        double f = t - i;
        int r = (int) Math.round(ANCHORS[i][0] + f * (ANCHORS[i + 1][0] - ANCHORS[i][0]));
        int g = (int) Math.round(ANCHORS[i][1] + f * (ANCHORS[i + 1][1] - ANCHORS[i][1]));
        int b = (int) Math.round(ANCHORS[i][2] + f * (ANCHORS[i + 1][2] - ANCHORS[i][2]));
        return (r << 16) | (g << 8) | b;
    }
}
