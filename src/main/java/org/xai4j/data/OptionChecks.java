package org.xai4j.data;

import java.util.List;
import java.util.Locale;

/** Validation helpers for the options records: every message starts with the field name. */
final class OptionChecks {
    private OptionChecks() {
    }

    static double unit(String field, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(field + ": must be in [0, 1], got " + v);
        }
        return v;
    }

    static double nonNegative(String field, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + ": must be >= 0, got " + v);
        }
        return v;
    }

    static int atLeast(String field, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException(field + ": must be >= " + min + ", got " + v);
        }
        return v;
    }

    /** Lower-cases {@code v} and checks it is one of {@code allowed}. */
    static String oneOf(String field, String v, List<String> allowed) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(s)) {
            throw new IllegalArgumentException(field + ": unknown '" + v + "' (allowed: " + String.join(", ", allowed) + ")");
        }
        return s;
    }

    static <T> T orDefault(T v, T def) {
        return v == null ? def : v;
    }
}
