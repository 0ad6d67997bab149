package org.xai4j.data;

/** Data split a sample belongs to. */
public enum Split {
    TRAIN, VAL, TEST;

    /** Parses "train", "val"/"validation", "test" (case-insensitive). */
    public static Split parse(String s) {
        String v = s.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "train", "training" -> TRAIN;
            case "val", "valid", "validation" -> VAL;
            case "test" -> TEST;
            default -> throw new IllegalArgumentException("unknown split '" + s + "' (expected train, val or test)");
        };
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
