package org.xai4j.model;

/** Placeholder; the adapter is written in its own change. */
final class ModelAdapter {
    private ModelAdapter() {
    }
}
