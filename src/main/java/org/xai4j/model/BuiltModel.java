package org.xai4j.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/** A network configuration and its description, as returned by a {@link ModelBuilder}. */
public record BuiltModel(ComputationGraphConfiguration configuration, ModelDescription description) {
}
