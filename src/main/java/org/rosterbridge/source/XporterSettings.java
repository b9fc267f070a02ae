package org.rosterbridge.source;

import java.time.Duration;
import org.rosterbridge.config.ConfigurationException;
import org.rosterbridge.config.Settings;

/**
 * How the gateway talks to Xporter. Read once at startup; a wrong value fails there, naming its key.
 *
 * @param baseUrl               API base, without a trailing slash
 * @param pageSize              {@code limit} sent on every collection request (never omitted: without it Xporter
 *                              returns the whole collection in one response)
 * @param maxConcurrentRequests requests in flight to Xporter, all schools together (the HTTP connection pool size)
 * @param entityConcurrency     entities of one school extracted at once
 * @param connectTimeout        TCP connect timeout
 * @param responseTimeout       longest wait for a response to one request
 * @param maxRetries            retries of one request after a 5xx, a timeout or a reset (and after a 429)
 * @param initialBackoff        first backoff delay; doubled per retry, with jitter
 * @param maxBackoff            longest backoff delay
 * @param maxRetryAfter         longest wait honoured from a 429's Retry-After
 * @param tokenRefreshMargin    refresh a token this long before {@code expires_in} runs out
 * @param onForbidden           what a 403 on an entity does to the run
 * @param confirmDeletes        extract an entity once more before publishing a record's disappearance from it as a
 *                              hard delete (offset paging over moving data can skip a record, and Xporter does not
 *                              promise the X-Total-Count that would show it); off is unsafe without that header
 */
public record XporterSettings(
        String baseUrl,
        int pageSize,
        int maxConcurrentRequests,
        int entityConcurrency,
        Duration connectTimeout,
        Duration responseTimeout,
        int maxRetries,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        Duration tokenRefreshMargin,
        OnForbidden onForbidden,
        boolean confirmDeletes) {

    public static final String DEFAULT_BASE_URL = "https://xporter.groupcall.com/api/ims/oneroster/v1p1/school";

    /** A 403 fails the school's run, or skips the entity (its committed records are carried forward unchanged). */
    public enum OnForbidden { FAIL, SKIP }

    public static XporterSettings from(Settings s) {
        String base = s.string("xporter.base-url", DEFAULT_BASE_URL);
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new ConfigurationException("xporter.base-url", "must start with http:// or https://, not '"
                    + base + "'");
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return new XporterSettings(
                base,
                s.integer("xporter.page-size", 1000, 1, 10_000),
                s.integer("xporter.max-concurrent-requests", 4, 1, 256),
                s.integer("xporter.entity-concurrency", 3, 1, 6),
                s.duration("xporter.connect-timeout", Duration.ofSeconds(10)),
                s.duration("xporter.response-timeout", Duration.ofSeconds(60)),
                s.integer("xporter.max-retries", 5, 0, 100),
                s.duration("xporter.initial-backoff", Duration.ofMillis(500)),
                s.duration("xporter.max-backoff", Duration.ofSeconds(30)),
                s.duration("xporter.max-retry-after", Duration.ofSeconds(120)),
                s.duration("xporter.token-refresh-margin", Duration.ofSeconds(60)),
                s.choice("xporter.on-forbidden", OnForbidden.class, OnForbidden.FAIL),
                s.bool("xporter.confirm-deletes", true));
    }
}
