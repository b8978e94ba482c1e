package dev.mediawatch.config;

import java.util.Map;

/**
 * {@code ${VAR}} references in the values that are stored as written and resolved only where they are
 * used: a delivery channel's {@code webhookUrl}, {@code url} and {@code secret} (see {@link ConfigLoader}).
 * The same rules as in the config file: {@code ${VAR:-default}}, {@code $${} for a literal {@code ${}.
 */
public final class EnvReferences {
    private EnvReferences() {
    }

    /**
     * The value with its references replaced from {@code env}; null stays null.
     *
     * @throws IllegalArgumentException naming the variable (never its value) when one is unset and has no
     *                                  default, or when a reference is malformed
     */
    public static String resolve(String value, Map<String, String> env) {
        if (value == null) return null;
        try {
            return new EnvSubstitution(env).apply(value);
        } catch (EnvSubstitution.UnsetVariable e) {
            throw new IllegalArgumentException("environment variable " + e.variable() + " is not set");
        }
    }
}
