package org.xai4j.data;

import java.util.List;

/** Test helper: synthetic options with only the fields a test cares about. */
final class Synth {
    Long seed = 42L;
    Integer size = 64;
    Integer channels = 1;
    int train = 0;
    int val = 0;
    int test = 0;
    List<String> pathologies;
    String preset;
    Double prevalence;
    java.util.Map<String, Double> prevalences;
    Boolean multiLabel;
    ConfounderOptions confounder;

    static Synth of(int train, int val, int test) {
        Synth s = new Synth();
        s.train = train;
        s.val = val;
        s.test = test;
        return s;
    }

    Synth seed(long v) {
        seed = v;
        return this;
    }

    Synth size(int v) {
        size = v;
        return this;
    }

    Synth channels(int v) {
        channels = v;
        return this;
    }

    Synth pathologies(String... v) {
        pathologies = List.of(v);
        return this;
    }

    Synth preset(String v) {
        preset = v;
        return this;
    }

    Synth prevalence(double v) {
        prevalence = v;
        return this;
    }

    Synth prevalences(java.util.Map<String, Double> v) {
        prevalences = v;
        return this;
    }

    Synth multiLabel() {
        multiLabel = true;
        return this;
    }

    Synth confounder(String type, double rate) {
        confounder = new ConfounderOptions(type, rate);
        return this;
    }

    SyntheticOptions options() {
        return new SyntheticOptions(seed, size, channels, train, val, test, pathologies, prevalence, prevalences, multiLabel,
                null, null, null, null, null, null, null, confounder, preset);
    }

    SyntheticBrainGenerator generator() {
        return new SyntheticBrainGenerator(options());
    }

    SampleSet load() {
        return generator().load();
    }
}
