package org.xai4j.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/**
 * One {@code --set key.path=value} override. The value is read as YAML when it is a flow collection
 * ({@code [1,1,1,1]}, {@code {a: 1}}), a number, a boolean or null ({@code ~}, {@code null} or nothing, which
 * restores the default); anything else is taken as a string exactly as written (quote it to force a string,
 * e.g. {@code name='5'}). List entries cannot be addressed by index: replace the whole list.
 *
 * @param raw   the override as the user wrote it
 * @param key   the dotted key path, e.g. {@code train.epochs}
 * @param value the parsed value
 */
record ConfigOverride(String raw, String key, JsonNode value) {

    /** Parses {@code key.path=value}; {@code source} only labels the error message. */
    static ConfigOverride parse(String raw, String source) {
        int eq = raw == null ? -1 : raw.indexOf('=');
        if (eq < 0) {
            throw new ConfigException(source + ": malformed override --set '" + raw + "' (expected key.path=value)");
        }
        String key = raw.substring(0, eq).trim();
        for (String segment : key.split("\\.", -1)) {
            if (segment.isBlank()) {
                throw new ConfigException(source + ": malformed override --set '" + raw
                        + "' (empty key segment; expected key.path=value)");
            }
        }
        return new ConfigOverride(raw, key, parseValue(raw.substring(eq + 1), raw, source));
    }

    private static JsonNode parseValue(String text, String raw, String source) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return NullNode.instance;
        }
        boolean flow = trimmed.startsWith("[") || trimmed.startsWith("{");
        boolean quoted = trimmed.startsWith("'") || trimmed.startsWith("\"");
        JsonNode parsed;
        try {
            parsed = ConfigMapper.YAML.readTree(trimmed);
        } catch (JsonProcessingException e) {
            if (flow || quoted) {
                throw new ConfigException(source + ": malformed value in --set " + raw + ": "
                        + YamlErrors.describe(e), e);
            }
            return TextNode.valueOf(text);
        }
        if (flow || quoted) {
            return parsed;
        }
        if (parsed != null && (parsed.isNumber() || parsed.isBoolean() || parsed.isNull())) {
            return parsed;
        }
        return TextNode.valueOf(text);
    }

    /** The key path split at dots. */
    List<String> segments() {
        return List.of(key.split("\\."));
    }

    /** Sets the value in {@code root}, creating missing intermediate sections. */
    void applyTo(ObjectNode root, String source) {
        List<String> segments = segments();
        ObjectNode node = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            JsonNode child = node.get(segments.get(i));
            if (child == null || child.isNull()) {
                child = node.putObject(segments.get(i));
            } else if (!child.isObject()) {
                throw new ConfigException(source + ": cannot apply --set " + raw + ": key '"
                        + String.join(".", segments.subList(0, i + 1)) + "' is not a section (it holds "
                        + YamlErrors.render(child) + ")");
            }
            node = (ObjectNode) child;
        }
        node.set(segments.get(segments.size() - 1), value == null ? JsonNodeFactory.instance.nullNode() : value);
    }

    /** Whether an error at {@code keyPath} concerns this override (same key, or one inside the other). */
    boolean concerns(String keyPath) {
        return keyPath.equals(key) || keyPath.startsWith(key + ".") || keyPath.startsWith(key + "[")
                || (!keyPath.isEmpty() && key.startsWith(keyPath + "."));
    }
}
