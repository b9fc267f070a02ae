package org.rosterbridge.source;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.rosterbridge.model.School;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bearer token per school, reused by every page and entity until shortly before it expires.
 *
 * <p>camel-http's OAuth2 client-credentials support caches tokens too, but Xporter's endpoint is not OAuth2
 * client credentials: it takes {@code rp|estab} as the Basic user, one credential per school, and a refused secret
 * must fail the school at once and be remembered, so that six entities extracted in parallel do not each try a
 * wrong secret again. Hence this small cache.
 */
public final class TokenCache {
    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);

    /** Obtains a new token for a school from the token endpoint. */
    @FunctionalInterface
    public interface Issuer {
        AccessToken issue(School school);
    }

    private final Issuer issuer;
    private final Duration refreshMargin;
    private final Clock clock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    private static final class Slot {
        AccessToken token;
        XporterException.AuthenticationFailed refused;
        final AtomicInteger issued = new AtomicInteger();
    }

    public TokenCache(Issuer issuer, Duration refreshMargin, Clock clock) {
        this.issuer = issuer;
        this.refreshMargin = refreshMargin;
        this.clock = clock;
    }

    /** The school's current token, obtaining one if there is none or it is about to expire. */
    public String bearer(School school) {
        Slot slot = slots.computeIfAbsent(school.estab(), k -> new Slot());
        synchronized (slot) {
            if (slot.refused != null) {
                throw slot.refused;
            }
            if (slot.token == null || slot.token.expiring(clock.instant(), refreshMargin)) {
                boolean refresh = slot.token != null;
                try {
                    slot.token = issuer.issue(school);
                } catch (XporterException.AuthenticationFailed e) {
                    slot.refused = e;
                    throw e;
                }
                slot.issued.incrementAndGet();
                LOG.debug("{}: {} token, valid until {}", school.label(), refresh ? "refreshed" : "new",
                        slot.token.expiresAt());
            }
            return slot.token.value();
        }
    }

    /**
     * Drops the token a data endpoint refused, unless another request already replaced it: when several entities
     * see the same 401 at once, only one new token is requested.
     */
    public void invalidate(School school, String refusedToken) {
        Slot slot = slots.get(school.estab());
        if (slot == null) {
            return;
        }
        synchronized (slot) {
            if (slot.token != null && slot.token.value().equals(refusedToken)) {
                slot.token = null;
            }
        }
    }

    /** Starts a new run for the school: a refusal remembered from an earlier run is forgotten, a good token kept. */
    public void newRun(School school) {
        Slot slot = slots.get(school.estab());
        if (slot != null) {
            synchronized (slot) {
                slot.refused = null;
            }
        }
    }

    /** Tokens issued for the school since the gateway started. */
    public int issued(School school) {
        Slot slot = slots.get(school.estab());
        return slot == null ? 0 : slot.issued.get();
    }
}
