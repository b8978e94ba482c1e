package dev.mediawatch.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in one string value; {@code $${} stands for a
 * literal {@code ${}. As in the shell, the default applies when the variable is unset or empty.
 * A {@code $} not followed by <code>{</code> is kept as it is.
 */
final class EnvSubstitution {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A reference to a variable that is not set and has no default. */
    static final class UnsetVariable extends RuntimeException {
        private final String variable;

        UnsetVariable(String variable) {
            super("environment variable " + variable + " is not set", null, false, false);
            this.variable = variable;
        }

        String variable() {
            return variable;
        }
    }

    private final Map<String, String> env;

    EnvSubstitution(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * @throws UnsetVariable            for {@code ${VAR}} with VAR unset or empty and no default
     * @throws IllegalArgumentException for an unterminated or malformed reference
     */
    String apply(String value) {
        if (value.indexOf('$') < 0) return value;
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (value.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (value.startsWith("${", i)) {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ${ (write $${ for a literal ${)");
                }
                out.append(resolve(value.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String reference) {
        int sep = reference.indexOf(":-");
        String name = sep < 0 ? reference : reference.substring(0, sep);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid variable reference ${" + reference
                    + "}: expected ${NAME} or ${NAME:-default} (write $${ for a literal ${)");
        }
        String value = env.get(name);
        if (value != null && !value.isEmpty()) return value;
        if (sep >= 0) return reference.substring(sep + 2);
        throw new UnsetVariable(name);
    }
}
