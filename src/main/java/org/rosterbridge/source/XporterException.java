package org.rosterbridge.source;

import org.rosterbridge.model.Entity;
import org.rosterbridge.model.School;

/**
 * Something went wrong talking to Xporter. Immutable and full of context: which school, which entity, which offset,
 * which HTTP status, and whether trying again can help. The message never holds a secret or a token.
 */
public class XporterException extends RuntimeException {
    private final String estab;
    private final Entity entity;
    private final int offset;
    private final int status;
    private final boolean retryable;

    protected XporterException(School school, Entity entity, int offset, int status, boolean retryable,
                               String message, Throwable cause) {
        super(compose(school, entity, offset, status, message), cause);
        this.estab = school == null ? null : school.estab();
        this.entity = entity;
        this.offset = offset;
        this.status = status;
        this.retryable = retryable;
    }

    private static String compose(School school, Entity entity, int offset, int status, String message) {
        StringBuilder b = new StringBuilder();
        if (school != null) {
            b.append(school.label()).append(": ");
        }
        if (entity != null) {
            b.append(entity);
            if (offset >= 0) {
                b.append(" at offset ").append(offset);
            }
            b.append(": ");
        }
        if (status > 0) {
            b.append("HTTP ").append(status).append(": ");
        }
        return b.append(message).toString();
    }

    public String estab() {
        return estab;
    }

    /** The entity being extracted, or null for the token endpoint. */
    public Entity entity() {
        return entity;
    }

    /** The page offset, or -1. */
    public int offset() {
        return offset;
    }

    /** The HTTP status, or 0 when there was no response. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The token endpoint refused the credentials: wrong rp, estab or secret. Never retried. */
    public static final class AuthenticationFailed extends XporterException {
        public AuthenticationFailed(School school, int status, String detail) {
            super(school, null, -1, status, false, "Xporter refused the credentials for rp '" + school.rp()
                    + "' and estab '" + school.estab() + "'" + detail + ". Check the secret configured for this "
                    + "school (and that the partner is authorised for it); the gateway will not retry.", null);
        }
    }

    /** A data endpoint said 401: the token is missing, invalid or expired. Re-authenticate and retry once. */
    public static final class Unauthorized extends XporterException {
        public Unauthorized(School school, Entity entity, int offset, String detail) {
            super(school, entity, offset, 401, true, "the token was refused" + detail
                    + " (after one re-authentication the run fails)", null);
        }
    }

    /** 403: the token is valid but not authorised for this data. Not retried. */
    public static final class Forbidden extends XporterException {
        public Forbidden(School school, Entity entity, int offset, String detail) {
            super(school, entity, offset, 403, false, "not authorised to read " + entity + detail
                    + ". Ask Groupcall to grant this partner access to the school's " + entity
                    + " (or set xporter.on-forbidden=skip to sync the school without it).", null);
        }
    }

    /** 400 and other 4xx: the request itself is wrong, which is a configuration error. Not retried. */
    public static final class BadRequest extends XporterException {
        public BadRequest(School school, Entity entity, int offset, int status, String detail) {
            super(school, entity, offset, status, false, "Xporter rejected the request" + detail
                    + ". This is a configuration error: check xporter.page-size (sent as limit) and the "
                    + "base URL; retrying will not help.", null);
        }
    }

    /** 429: too many requests; wait for Retry-After, bounded. */
    public static final class RateLimited extends XporterException {
        private final long retryAfterMillis;

        public RateLimited(School school, Entity entity, int offset, long retryAfterMillis, String detail) {
            super(school, entity, offset, 429, true, "rate limited, asked to wait " + retryAfterMillis + " ms"
                    + detail, null);
            this.retryAfterMillis = retryAfterMillis;
        }

        public long retryAfterMillis() {
            return retryAfterMillis;
        }
    }

    /** 5xx, or no usable response (timeout, reset, refused): bounded exponential backoff with jitter. */
    public static final class Unavailable extends XporterException {
        public Unavailable(School school, Entity entity, int offset, int status, String detail, Throwable cause) {
            super(school, entity, offset, status, true, (status > 0 ? "server error" : "no response") + detail,
                    cause);
        }
    }

    /** A page that is not the documented JSON: truncated, wrong envelope, unreadable record. Fails the run. */
    public static final class MalformedPage extends XporterException {
        public MalformedPage(School school, Entity entity, int offset, String detail, Throwable cause) {
            super(school, entity, offset, 0, false, "malformed page: " + detail
                    + ". The run stops so that no partial snapshot is published; the next run starts over.", cause);
        }
    }

    /** The entity changed so much during extraction that no consistent snapshot could be taken. */
    public static final class Inconsistent extends XporterException {
        public Inconsistent(School school, Entity entity, String detail) {
            super(school, entity, -1, 0, true, detail, null);
        }
    }
}
