package org.xai4j.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Turns YAML syntax errors and values into short, user-facing text. */
final class YamlErrors {
    private static final int MAX_RENDERED = 60;
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']*)'");

    private YamlErrors() {
    }

    /** E.g. {@code YAML syntax error at line 3, column 9: mapping values are not allowed here}. */
    static String describe(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
            return "YAML syntax error at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": "
                    + oneLine(yaml.getProblem()) + context;
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr();
        String message = oneLine(e.getOriginalMessage());
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return "duplicate key '" + duplicate.group(1) + "'" + where;
        }
        return "YAML error" + where + ": " + message;
    }

    /** A YAML value as the user would write it: strings quoted with ', collections in flow style. */
    static String render(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text;
        if (node.isTextual()) {
            text = "'" + node.textValue() + "'";
        } else if (node.isContainerNode()) {
            text = node.toString().replace("\"", "");
        } else {
            text = node.asText();
        }
        return text.length() > MAX_RENDERED ? text.substring(0, MAX_RENDERED - 3) + "..." : text;
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
