package org.xai4j.segmentation;

import java.util.Locale;

/** What produced an anomaly map: an attribution method of the classifier, or a baseline that does not use it. */
public enum SourceKind {
    ATTRIBUTION, BASELINE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
