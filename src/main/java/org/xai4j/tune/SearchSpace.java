package org.xai4j.tune;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

/**
 * The {@code parameters:} of a search space file as one Arbiter {@link ParameterSpace}: a candidate is the map from
 * each config key to its value, in file order, turned into {@code --set} overrides of the base config. Arbiter's
 * candidate generators fill the leaves ({@link SearchParameter#space()}) from their [0, 1] vectors.
 */
public final class SearchSpace implements ParameterSpace<Map<String, Object>> {
    private static final Pattern RANGE =
            Pattern.compile("\\s*(uniform|log|int)\\s*\\(\\s*([^,()]+?)\\s*,\\s*([^,()]+?)\\s*\\)\\s*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z][A-Za-z0-9_-]*)*");

    private final List<SearchParameter> parameters;
    private final List<ParameterSpace<?>> leaves;

    private SearchSpace(List<SearchParameter> parameters) {
        this.parameters = List.copyOf(parameters);
        this.leaves = new ArrayList<>();
        for (SearchParameter p : parameters) {
            leaves.add(p.space());
        }
        // the indices Arbiter's generators assign too (leaves in this order): set now so values can be read before
        setIndices(IntStream.range(0, leaves.size()).toArray());
    }

    /**
     * Parses {@code parameters:} entries ({@code key: range}).
     *
     * @param source names the space file in error messages
     */
    public static SearchSpace parse(Map<String, JsonNode> entries, String source) {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException(source + ": parameters: name at least one config key to search, e.g. "
                    + "train.lr: log(1e-4, 1e-2)");
        }
        List<SearchParameter> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : entries.entrySet()) {
            String where = source + ": parameters." + e.getKey();
            if (!KEY.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException(where + ": not a config key path (expected e.g. train.lr)");
            }
            out.add(parse(e.getKey(), e.getValue(), where));
        }
        return new SearchSpace(out);
    }

    public List<SearchParameter> parameters() {
        return parameters;
    }

    /** The candidate's values as override text, by key. */
    public Map<String, String> rendered(Map<String, Object> values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (SearchParameter p : parameters) {
            out.put(p.key(), p.render(values.get(p.key())));
        }
        return out;
    }

    /** {@code key=value} overrides for a candidate's rendered values. */
    public static List<String> overrides(Map<String, String> rendered) {
        List<String> out = new ArrayList<>();
        rendered.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    @Override
    public Map<String, Object> getValue(double[] input) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            out.put(parameters.get(i).key(), leaves.get(i).getValue(input));
        }
        return out;
    }

    @Override
    public int numParameters() {
        return leaves.size();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        return Collections.unmodifiableList(new ArrayList<>(leaves));
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        Map<String, ParameterSpace> out = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            out.put(parameters.get(i).key(), leaves.get(i));
        }
        return out;
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    /** Gives the leaves, in order, the positions {@code indices} in a candidate's [0, 1] vector. */
    @Override
    public void setIndices(int... indices) {
        if (indices == null || indices.length != leaves.size()) {
            throw new IllegalArgumentException("a search space of " + leaves.size() + " parameters needs as many "
                    + "indices, got " + (indices == null ? 0 : indices.length));
        }
        for (int i = 0; i < indices.length; i++) {
            leaves.get(i).setIndices(indices[i]);
        }
    }

    private static SearchParameter parse(String key, JsonNode node, String where) {
        if (node != null && node.isArray()) {
            if (node.isEmpty()) {
                throw new IllegalArgumentException(where + ": an empty list has no value to choose");
            }
            List<JsonNode> values = new ArrayList<>();
            node.forEach(values::add);
            return new SearchParameter.Choice(key, values);
        }
        String text = node == null || node.isNull() ? "" : node.isTextual() ? node.asText() : node.toString();
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(where + ": expected uniform(a, b), log(a, b), int(a, b) or a list of "
                    + "values, got '" + text + "'");
        }
        String kind = m.group(1);
        if (kind.equals("int")) {
            int a = parseInt(m.group(2), where);
            int b = parseInt(m.group(3), where);
            if (b < a) {
                throw new IllegalArgumentException(where + ": int(a, b) needs a <= b, got " + text.trim());
            }
            return new SearchParameter.IntRange(key, a, b);
        }
        double a = parseDouble(m.group(2), where);
        double b = parseDouble(m.group(3), where);
        if (!(b > a)) {
            throw new IllegalArgumentException(where + ": " + kind + "(a, b) needs a < b, got " + text.trim());
        }
        if (kind.equals("log")) {
            if (!(a > 0)) {
                throw new IllegalArgumentException(where + ": log(a, b) needs a > 0, got " + text.trim());
            }
            return new SearchParameter.Continuous(key, a, b, true);
        }
        return new SearchParameter.Continuous(key, a, b, false);
    }

    private static int parseInt(String s, String where) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + s + "' is not an integer");
        }
    }

    private static double parseDouble(String s, String where) {
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + ": '" + s + "' is not a finite number");
    }
}
