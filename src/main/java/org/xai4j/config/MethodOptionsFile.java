package org.xai4j.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.Attributions;

/**
 * A YAML file of attribution settings, one section per registered method name, each bound strictly to the options
 * record that method owns ({@code --method-options FILE} of {@code explain} and {@code segment}):
 * <pre>
 * ig: {steps: 32, quadrature: riemann_trapezoid, baseline: blur}
 * eg: {samples: 16}
 * gradcam: {tap: last_conv}
 * </pre>
 * A section replaces that method's options (keys it leaves out take the method's defaults); methods without a
 * section keep what they had. An unknown method, an unknown key or a bad value is a {@link ConfigException} naming
 * the file, the method and the key.
 */
public final class MethodOptionsFile {
    private MethodOptionsFile() {
    }

    /** {@code options} with the file's sections applied. */
    public static AttributionOptions read(Path file, AttributionOptions options) {
        JsonNode tree = ConfigLoader.load(file, JsonNode.class, List.of());
        if (!tree.isObject()) {
            throw new ConfigException(file + ": expected one section per attribution method (e.g. ig: {steps: 32})");
        }
        AttributionOptions out = options;
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            String method = section.getKey();
            Class<?> type;
            try {
                type = Attributions.optionsType(method);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ": " + e.getMessage(), e);
            }
            if (type == Attributions.NoOptions.class && section.getValue().size() > 0) {
                throw new ConfigException(file + ": " + method + " has no settings, got " + section.getValue());
            }
            requireSettable(file, method, type, section.getValue());
            out = out.with(method, ConfigLoader.fromTree(section.getValue(), file + " (section " + method + ")",
                    type, List.of()));
        }
        return out;
    }

    /** Components marked {@link JsonIgnore} (e.g. Expected Gradients' references) are set by the command only. */
    private static void requireSettable(Path file, String method, Class<?> type, JsonNode section) {
        if (!type.isRecord()) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getAccessor().isAnnotationPresent(JsonIgnore.class) && section.has(c.getName())) {
                throw new ConfigException(file + " (section " + method + "): key '" + c.getName() + "' is set by "
                        + "the command, not by a file");
            }
        }
    }
}
