package org.xai4j.tune;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;

/**
 * The range of one config key in a search space file, as written under {@code parameters:}:
 * <ul>
 * <li>{@code uniform(a, b)}: continuous, uniform on [a, b];</li>
 * <li>{@code log(a, b)}: continuous, uniform in log space on [a, b] (a &gt; 0), for learning rates and weights;</li>
 * <li>{@code int(a, b)}: integers a..b inclusive;</li>
 * <li>a YAML list ({@code [adam, sgd]}, {@code [[1,1,1], [2,2,2]]}): one of the listed values.</li>
 * </ul>
 * Each maps to one of Arbiter's leaf parameter spaces; a grid search takes {@code gridPoints} values of a continuous
 * range (log-spaced for {@code log}), at most that many integers of an integer range and every listed value.
 */
public sealed interface SearchParameter {
    /** The config key path the value overrides, e.g. {@code train.constraint.lambda}. */
    String key();

    /** A fresh Arbiter leaf space (each key gets its own object: Arbiter indexes leaves by identity). */
    ParameterSpace<?> space();

    /** The value as the text of a {@code --set key=value} override. */
    String render(Object value);

    /** Where a rendered value goes on a plot's x axis: the number, or a list entry's position for choices. */
    default double plotValue(String rendered) {
        return Double.parseDouble(rendered);
    }

    /** Whether a plot shows this parameter on a log axis. */
    default boolean logScale() {
        return false;
    }

    /** Uniform on [min, max], or uniform in log space ({@code log}, min &gt; 0). */
    record Continuous(String key, double min, double max, boolean log) implements SearchParameter {
        @Override
        public ParameterSpace<?> space() {
            return log ? new ContinuousParameterSpace(new LogUniformDistribution(min, max))
                    : new ContinuousParameterSpace(min, max);
        }

        @Override
        public String render(Object value) {
            return number((Double) value);
        }

        @Override
        public boolean logScale() {
            return log;
        }
    }

    /** Integers min..max inclusive. */
    record IntRange(String key, int min, int max) implements SearchParameter {
        @Override
        public ParameterSpace<?> space() {
            return new IntegerParameterSpace(min, max);
        }

        @Override
        public String render(Object value) {
            return Integer.toString((Integer) value);
        }
    }

    /** One of the listed YAML values. */
    record Choice(String key, List<JsonNode> values) implements SearchParameter {
        /** A string that reads back as itself unquoted (a name such as {@code adam} or {@code resnet-cifar}). */
        private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
        /** Plain words YAML reads as booleans or null. */
        private static final Set<String> YAML_WORDS = Set.of("true", "false", "null", "yes", "no", "on", "off", "y",
                "n");

        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public ParameterSpace<?> space() {
            return new DiscreteParameterSpace<>(new ArrayList<>(values));
        }

        @Override
        public String render(Object value) {
            JsonNode node = (JsonNode) value;
            if (node.isTextual() && PLAIN.matcher(node.asText()).matches()
                    && !YAML_WORDS.contains(node.asText().toLowerCase(Locale.ROOT))) {
                return node.asText();
            }
            // JSON is flow YAML: other strings stay quoted strings, lists and maps stay collections
            return node.toString();
        }

        @Override
        public double plotValue(String rendered) {
            for (int i = 0; i < values.size(); i++) {
                if (render(values.get(i)).equals(rendered)) {
                    return i;
                }
            }
            return Double.NaN;
        }
    }

    /** Shortest text that reads back as the same double. */
    private static String number(double v) {
        return Double.toString(v).toLowerCase(Locale.ROOT);
    }
}
