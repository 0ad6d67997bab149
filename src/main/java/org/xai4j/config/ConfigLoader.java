package org.xai4j.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a YAML config into a validated record. Records follow the project convention: boxed components, a
 * missing value replaced by its default in the compact constructor, validation there throwing
 * {@link IllegalArgumentException} whose message starts with the component name (e.g.
 * {@code "lr: must be > 0, got -1.0"}). Binding is strict: unknown keys, floats for integers, strings for
 * numbers or booleans and nulls for primitives are errors; enum names are case-insensitive.
 *
 * <p>{@code --set key.path=value} overrides (see {@link ConfigOverride}) are applied to the YAML tree before
 * binding, creating missing sections. Every failure is a {@link ConfigException} with one message naming the
 * source, the full key path and what is allowed, followed by {@code (set by --set ...)} when an override
 * supplied the value.
 */
public final class ConfigLoader {
    /** How the source is named in messages when no config file was given. */
    public static final String DEFAULTS_SOURCE = "<defaults>";

    private ConfigLoader() {
    }

    /** Loads {@code file} (or only defaults and overrides when {@code file} is null) into {@code type}. */
    public static <T> T load(Path file, Class<T> type, List<String> overrides) {
        if (file == null) {
            return fromDefaults(type, overrides);
        }
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source + ": file not found", e);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read (" + e.getMessage() + ")", e);
        }
        return fromYaml(text, source, type, overrides);
    }

    /** Every default of {@code type}, with {@code overrides} applied (commands run without --config). */
    public static <T> T fromDefaults(Class<T> type, List<String> overrides) {
        return fromTree(JsonNodeFactory.instance.objectNode(), DEFAULTS_SOURCE, type, overrides);
    }

    /** Parses YAML text; {@code source} names it in messages. */
    public static <T> T fromYaml(String yaml, String source, Class<T> type, List<String> overrides) {
        JsonNode tree;
        try {
            tree = ConfigMapper.YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + YamlErrors.describe(e), e);
        } catch (StackOverflowError e) {
            throw tooDeep(source);
        }
        if (depth(tree) > MAX_DEPTH) {
            throw tooDeep(source);
        }
        return fromTree(tree, source, type, overrides);
    }

    /**
     * Binds a YAML tree (not modified; an empty or missing tree means all defaults) to {@code type} after
     * applying {@code overrides}.
     */
    public static <T> T fromTree(JsonNode tree, String source, Class<T> type, List<String> overrides) {
        ObjectNode root;
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            root = JsonNodeFactory.instance.objectNode();
        } else if (tree.isObject()) {
            root = ((ObjectNode) tree).deepCopy();
        } else {
            throw new ConfigException(source + ": expected key: value pairs at the top level, got "
                    + YamlErrors.render(tree));
        }
        List<ConfigOverride> parsed = new ArrayList<>();
        for (String raw : overrides == null ? List.<String>of() : overrides) {
            ConfigOverride override = ConfigOverride.parse(raw, source);
            override.applyTo(root, source);
            parsed.add(override);
        }
        try {
            return ConfigMapper.YAML.treeToValue(root, type);
        } catch (JsonMappingException e) {
            BindingErrors.Problem problem = BindingErrors.translate(e, root);
            throw new ConfigException(source + ": " + problem.message() + blame(parsed, problem.keyPath()), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + YamlErrors.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    /** Nesting a config never needs; deeper trees are refused before anything walks them recursively. */
    static final int MAX_DEPTH = 64;

    private static ConfigException tooDeep(String source) {
        return new ConfigException(source + ": nested more than " + MAX_DEPTH + " levels deep, which no config is "
                + "(a config has a few levels of key: value sections)");
    }

    /** The nesting depth of a tree, counted without recursion. */
    private static int depth(JsonNode tree) {
        if (tree == null) {
            return 0;
        }
        Deque<Map.Entry<JsonNode, Integer>> pending = new ArrayDeque<>();
        pending.push(Map.entry(tree, 1));
        int max = 0;
        while (!pending.isEmpty()) {
            Map.Entry<JsonNode, Integer> node = pending.pop();
            max = Math.max(max, node.getValue());
            if (max > MAX_DEPTH) {
                return max;
            }
            for (JsonNode child : node.getKey()) {
                pending.push(Map.entry(child, node.getValue() + 1));
            }
        }
        return max;
    }

    private static String blame(List<ConfigOverride> overrides, String keyPath) {
        List<String> culprits = overrides.stream().filter(o -> o.concerns(keyPath))
                .map(o -> "--set " + o.raw()).collect(Collectors.toList());
        return culprits.isEmpty() ? "" : " (set by " + String.join(", ", culprits) + ")";
    }
}
