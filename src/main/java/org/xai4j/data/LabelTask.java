package org.xai4j.data;

/** How the label columns of a data set are to be read. */
public enum LabelTask {
    /** One 0/1 column: healthy vs pathological. */
    BINARY,
    /** Several independent 0/1 columns (one sigmoid each). */
    MULTI_LABEL,
    /** Several columns, exactly one of which is 1 (softmax). */
    MULTI_CLASS
}
