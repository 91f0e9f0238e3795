package io.evalwatch.security;

import java.util.Locale;

/** What a key may do. Each role includes the ones before it: an operator may read, an admin may operate. */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    public static Role parse(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
