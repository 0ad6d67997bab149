package org.xai4j.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.xai4j.util.AtomicFiles;

/**
 * Writes a resolved config (every default filled in) as YAML that {@link ConfigLoader} reads back into an
 * equal record. Records are written component by component, so helper methods such as {@code isSynthetic()}
 * never leak into the file; enums are written in lower case and paths as plain strings.
 */
public final class ConfigWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigWriter() {
    }

    /** Writes {@code config} as YAML to {@code target}, atomically. */
    public static void write(Object config, Path target) {
        AtomicFiles.writeString(target, toYaml(config));
    }

    /** The YAML text of {@code config}. */
    public static String toYaml(Object config) {
        try {
            return ConfigMapper.YAML.writeValueAsString(toTree(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write config " + config + ": " + e.getMessage(), e);
        }
    }

    /** The YAML tree of {@code config}: records become sections, collections lists. */
    public static JsonNode toTree(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value.getClass().isRecord()) {
            ObjectNode node = NODES.objectNode();
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                node.set(component.getName(), toTree(read(component, value)));
            }
            return node;
        }
        if (value instanceof Enum<?> e) {
            return NODES.textNode(enumName(e));
        }
        if (value instanceof Path p) {
            return NODES.textNode(p.toString());
        }
        if (value instanceof Collection<?> c) {
            ArrayNode array = NODES.arrayNode();
            c.forEach(element -> array.add(toTree(element)));
            return array;
        }
        if (value instanceof Map<?, ?> m) {
            ObjectNode node = NODES.objectNode();
            m.forEach((k, v) -> node.set(String.valueOf(k), toTree(v)));
            return node;
        }
        return ConfigMapper.YAML.valueToTree(value);
    }

    /** The constant's {@code @JsonProperty} name (what the loader accepts, e.g. {@code weighted-bce}), else its lower-case name. */
    private static String enumName(Enum<?> e) {
        try {
            JsonProperty p = e.getDeclaringClass().getField(e.name()).getAnnotation(JsonProperty.class);
            return p != null && !p.value().isEmpty() ? p.value() : e.name().toLowerCase(Locale.ROOT);
        } catch (NoSuchFieldException ex) {
            return e.name().toLowerCase(Locale.ROOT);
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass()
                    .getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
