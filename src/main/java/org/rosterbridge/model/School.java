package org.rosterbridge.model;

import java.util.Objects;

/**
 * One school as the gateway syncs it: Xporter establishment number, the partner's relying-party id, a display name
 * and the shared secret of that (rp, estab) pair.
 */
public record School(String estab, String rp, String name, Secret secret) {
    public School {
        Objects.requireNonNull(estab, "estab");
        Objects.requireNonNull(rp, "rp");
        Objects.requireNonNull(secret, "secret");
        name = name == null || name.isBlank() ? estab : name;
    }

    /** How a school is named in messages: never includes the secret. */
    public String label() {
        return name.equals(estab) ? "school " + estab + " (rp " + rp + ")"
                : name + " (estab " + estab + ", rp " + rp + ")";
    }

    @Override
    public String toString() {
        return label();
    }
}
