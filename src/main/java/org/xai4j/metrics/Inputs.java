package org.xai4j.metrics;

/** Argument checks shared by the metrics; messages name the offending index. */
final class Inputs {
    private Inputs() {
    }

    static void checkScoresAndLabels(double[] scores, int[] labels) {
        if (scores == null || labels == null) {
            throw new IllegalArgumentException("scores and labels must not be null");
        }
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length + " vs "
                    + labels.length);
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] is NaN");
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("labels[" + i + "] must be 0 or 1, got " + labels[i]);
            }
        }
    }

    static void checkSameLength(float[] a, String aName, float[] b, String bName) {
        if (a == null || b == null) {
            throw new IllegalArgumentException(aName + " and " + bName + " must not be null");
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException(aName + " and " + bName + " differ in length: " + a.length + " vs "
                    + b.length);
        }
    }

    static void checkNotNaN(float[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (Float.isNaN(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is NaN");
            }
        }
    }
}
