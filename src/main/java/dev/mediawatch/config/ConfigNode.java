package dev.mediawatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One node of the parsed YAML tree together with its key path ({@code feeds[3].url}), so that every
 * value read through it can be checked and every complaint can say where. String values pass
 * through {@link EnvSubstitution} as they are read.
 */
final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private final String source;
    private final EnvSubstitution env;

    ConfigNode(JsonNode node, String path, String source, EnvSubstitution env) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.source = source;
        this.env = env;
    }

    String path() {
        return path;
    }

    /** Absent, or written with no value ({@code key:} or {@code key: null}). */
    boolean isAbsent() {
        return node.isMissingNode() || node.isNull();
    }

    boolean isObject() {
        return node.isObject();
    }

    boolean isScalar() {
        return node.isValueNode();
    }

    ConfigException error(String reason) {
        return new ConfigException(source, path.isEmpty() ? "(document)" : path, reason);
    }

    ConfigNode get(String key) {
        JsonNode child = node.isObject() ? node.get(key) : null;
        return new ConfigNode(child, path.isEmpty() ? key : path + "." + key, source, env);
    }

    /** The field names of this mapping, in file order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Requires a mapping (an absent one reads as empty) holding no keys but {@code allowed}. */
    ConfigNode object(String... allowed) {
        if (isAbsent()) return this;
        if (!node.isObject()) throw wrongType("a mapping");
        Set<String> known = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) throw get(key).error("unknown key" + suggestion(key, allowed));
        }
        return this;
    }

    /** The elements of a list; an absent list is empty. */
    List<ConfigNode> list() {
        if (isAbsent()) return List.of();
        if (!node.isArray()) throw wrongType("a list");
        List<ConfigNode> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new ConfigNode(node.get(i), path + "[" + i + "]", source, env));
        }
        return items;
    }

    /** A string scalar after variable substitution; numbers and booleans are read as written. */
    String string(String fallback) {
        if (isAbsent()) return fallback;
        if (!node.isValueNode()) throw wrongType("a string");
        if (!node.isTextual()) return node.asText();
        try {
            return env.apply(node.textValue());
        } catch (EnvSubstitution.UnsetVariable e) {
            throw error("environment variable " + e.variable() + " is not set and has no default"
                    + " (write ${" + e.variable() + ":-default} to give one)");
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** The scalar as written, references not replaced. */
    String rawText() {
        if (!node.isValueNode()) throw wrongType("a string");
        return node.isTextual() ? node.textValue() : node.asText();
    }

    /** Like {@link #string} but an unset variable surfaces as {@link EnvSubstitution.UnsetVariable}. */
    String stringOrUnset() {
        if (!node.isTextual()) return string(null);
        try {
            return env.apply(node.textValue());
        } catch (EnvSubstitution.UnsetVariable e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    String requiredString() {
        String value = string(null);
        if (value == null || value.isBlank()) throw error("required, but missing or empty");
        return value;
    }

    List<String> stringList() {
        List<String> values = new ArrayList<>();
        for (ConfigNode item : list()) {
            values.add(item.requiredString());
        }
        return values;
    }

    int integer(int fallback, int min, int max) {
        if (isAbsent()) return fallback;
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        } else if (node.isTextual()) {
            String text = string(null).trim();
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw error("expected an integer, got \"" + text + "\"");
            }
        } else {
            throw wrongType("an integer");
        }
        if (value < min || value > max) {
            throw error("must be between " + min + " and " + max + ", got " + value);
        }
        return (int) value;
    }

    /** A number greater than {@code minExclusive} and at most {@code max}; integers are accepted. */
    double decimal(double fallback, double minExclusive, double max) {
        if (isAbsent()) return fallback;
        double value;
        if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isTextual()) {
            String text = string(null).trim();
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw error("expected a number, got \"" + text + "\"");
            }
        } else {
            throw wrongType("a number");
        }
        if (!(value > minExclusive) || value > max) {
            throw error("must be greater than " + minExclusive + " and at most " + max + ", got " + value);
        }
        return value;
    }

    boolean bool(boolean fallback) {
        if (isAbsent()) return fallback;
        if (node.isBoolean()) return node.booleanValue();
        if (node.isTextual()) {
            String text = string(null).trim().toLowerCase(Locale.ROOT);
            if (text.equals("true")) return true;
            if (text.equals("false")) return false;
            throw error("expected a boolean (true or false), got \"" + text + "\"");
        }
        throw wrongType("a boolean (true or false)");
    }

    /** A positive duration such as {@code 5m}; see {@link Durations}. */
    Duration duration(Duration fallback) {
        if (isAbsent()) return fallback;
        if (!node.isTextual()) throw wrongType("a duration such as 30s, 5m or 1h");
        Duration value;
        try {
            value = Durations.parse(string(null));
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        if (value.isZero() || value.isNegative()) throw error("must be a positive duration, got " + string(null));
        return value;
    }

    private ConfigException wrongType(String expected) {
        return error("expected " + expected + ", got " + describe(node));
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) return "a mapping";
        if (node.isArray()) return "a list";
        if (node.isBoolean()) return "the boolean " + node.asText();
        if (node.isNumber()) return "the number " + node.asText();
        if (node.isTextual()) return "the string \"" + node.asText() + "\"";
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    /** " (did you mean interval?)" for a near miss, else "". */
    static String suggestion(String key, String... allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = candidate.equalsIgnoreCase(key) ? 0 : distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int limit = Math.max(1, Math.min(3, key.length() / 3));
        if (best != null && bestDistance <= limit) return " (did you mean " + best + "?)";
        return " (expected one of: " + String.join(", ", Arrays.asList(allowed)) + ")";
    }

    /** Edit distance counting a swap of neighbours as one edit: "prot" is one from "port". */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
