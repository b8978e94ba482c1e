package dev.mediawatch.app;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The parts of {@code mediawatch run}; each can run alone and scales by adding instances. */
public enum Role {
    POLL, STREAM, DELIVER;

    public static Set<Role> parse(String csv) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : csv.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) continue;
            try {
                roles.add(Role.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role '" + part.strip() + "' (roles: poll, stream, deliver)");
            }
        }
        if (roles.isEmpty()) throw new IllegalArgumentException("no role given (roles: poll, stream, deliver)");
        return roles;
    }
}
