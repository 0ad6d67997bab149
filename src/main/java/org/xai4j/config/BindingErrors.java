package org.xai4j.config;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Translates Jackson's binding exceptions into one sentence naming the full key path and what is allowed.
 * The tree the values were bound from supplies the offending value as the user wrote it.
 */
final class BindingErrors {
    private static final Pattern LEADING_FIELD = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*): (.*)$", Pattern.DOTALL);

    private BindingErrors() {
    }

    private static Problem keyed(String path, String detail) {
        return new Problem(path, path.isEmpty() ? detail : "key '" + path + "': " + detail);
    }

    /** Returns the message (without the source prefix) and the key path it concerns. */
    static Problem translate(JsonMappingException e, JsonNode tree) {
        String path = keyPath(e.getPath());
        if (e instanceof UnrecognizedPropertyException u) {
            return new Problem(path, "unknown key '" + path + "' (allowed: "
                    + allowedKeys(u.getReferringClass(), u.getKnownPropertyIds()) + ")");
        }
        if (e instanceof ValueInstantiationException v) {
            return validation(path, v.getType().getRawClass(), v.getCause());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return mismatch(path, m.getTargetType(), valueAt(tree, e.getPath()));
        }
        if (e.getCause() instanceof InputCoercionException c && c.getTargetType() != null) {
            return keyed(path, "expected " + describe(c.getTargetType()) + ", got "
                    + YamlErrors.render(valueAt(tree, e.getPath())) + " (out of range)");
        }
        return keyed(path, oneLine(e.getOriginalMessage()));
    }

    private static Problem validation(String path, Class<?> type, Throwable cause) {
        String message = cause == null || cause.getMessage() == null ? "invalid value" : cause.getMessage();
        if (!(cause instanceof IllegalArgumentException)) {
            message = "invalid value (" + (cause == null ? "unknown problem" : cause.getClass().getSimpleName()
                    + ": " + message) + ")";
        }
        Matcher leading = LEADING_FIELD.matcher(message);
        if (leading.matches() && componentNames(type).contains(leading.group(1))) {
            String field = path.isEmpty() ? leading.group(1) : path + "." + leading.group(1);
            return keyed(field, leading.group(2));
        }
        return keyed(path, message);
    }

    private static Problem mismatch(String path, Class<?> target, JsonNode value) {
        if (target.isEnum()) {
            String allowed = Arrays.stream(target.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            String what = value != null && value.isTextual() ? "unknown " + YamlErrors.render(value)
                    : "expected one of the names below, got " + YamlErrors.render(value);
            return keyed(path, what + " (allowed: " + allowed + ")");
        }
        return keyed(path, "expected " + describe(target) + ", got " + YamlErrors.render(value));
    }

    /** Words for what a Java type accepts in YAML. */
    static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == Byte.class || type == byte.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class
                || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a section (key: value pairs)";
        }
        return "a value of type " + type.getSimpleName();
    }

    private static String allowedKeys(Class<?> owner, Collection<Object> known) {
        List<String> names = owner != null && owner.isRecord() ? componentNames(owner)
                : known == null ? List.of() : known.stream().map(String::valueOf).collect(Collectors.toList());
        return names.stream().sorted().collect(Collectors.joining(", "));
    }

    private static List<String> componentNames(Class<?> type) {
        if (type == null || !type.isRecord()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(c.getName());
        }
        return names;
    }

    /** E.g. {@code model.blocks[2]}; empty for the top level. */
    static String keyPath(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static JsonNode valueAt(JsonNode tree, List<JsonMappingException.Reference> refs) {
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : refs) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName())
                    : ref.getIndex() >= 0 ? node.get(ref.getIndex()) : node;
        }
        return node;
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A translated binding error: the key path it concerns and the message without the source prefix. */
    record Problem(String keyPath, String message) {
    }
}
