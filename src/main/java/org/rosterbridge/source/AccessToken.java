package org.rosterbridge.source;

import java.time.Duration;
import java.time.Instant;

/** A bearer token and when it stops working. {@code toString} hides the value, so it is safe to log the object. */
public record AccessToken(String value, Instant issuedAt, Instant expiresAt) {

    /** True when the token must not be used any more: past expiry minus a margin (at most a tenth of its life). */
    public boolean expiring(Instant now, Duration margin) {
        Duration life = Duration.between(issuedAt, expiresAt);
        Duration effective = margin.compareTo(life.dividedBy(10)) < 0 ? margin : life.dividedBy(10);
        return !now.isBefore(expiresAt.minus(effective));
    }

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + "]";
    }
}
