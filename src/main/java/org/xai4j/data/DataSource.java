package org.xai4j.data;

/** Anything that yields a complete {@link SampleSet} (all splits): the synthetic generator, a CSV manifest. */
public interface DataSource {
    /** Loads (or generates) every sample; throws {@link DataException} when the data cannot be read. */
    SampleSet load();
}
