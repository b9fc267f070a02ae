package org.rosterbridge.source;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.spi.Registry;

/**
 * Registers what the Xporter routes refer to: the protocol bean, the extraction bean, the token cache, the lane
 * threads, the retry policies computed from the settings, and the HTTP client's pool (whose size is the number of
 * requests in flight to Xporter, all schools together).
 */
public final class XporterComponents {

    private XporterComponents() {
    }

    /**
     * @param laneThreads threads for extraction lanes, all schools together (schools in flight x lanes per school)
     * @return the token cache, which the run report reads
     */
    public static TokenCache register(CamelContext context, XporterSettings settings, int laneThreads, Clock clock) {
        Registry registry = context.getRegistry();

        // Xporter is one host: the pool's size is exactly the number of requests in flight to it.
        HttpComponent http = context.getComponent("http", HttpComponent.class);
        HttpComponent https = context.getComponent("https", HttpComponent.class);
        for (HttpComponent c : new HttpComponent[] {http, https}) {
            c.setMaxTotalConnections(settings.maxConcurrentRequests());
            c.setConnectionsPerRoute(settings.maxConcurrentRequests());
            c.setConnectTimeout(settings.connectTimeout().toMillis());
            c.setResponseTimeout(settings.responseTimeout().toMillis());
            c.setSoTimeout(settings.responseTimeout().toMillis());
            // waiting for a free connection is how requests queue behind the limit. HttpClient 5 reads 0 as "do
            // not wait" (every queued request failed at once and was retried), so the wait is long but finite.
            c.setConnectionRequestTimeout(Math.max(settings.responseTimeout().toMillis() * 10, 600_000L));
            // pages are parsed whole; keeping them as bytes releases the connection as soon as they arrive
            c.setResponsePayloadStreamingThreshold(64 * 1024 * 1024);
            c.setCookieManagementDisabled(true);
            // HttpClient's own retries would repeat 429s and 503s after an unbounded Retry-After (an hour's wait
            // inside one request) and I/O failures unlogged; every retry belongs to the routes' policies
            c.setAutomaticRetriesDisabled(true);
            c.setFollowRedirects(false);
        }

        TokenCache tokens = new TokenCache(new CamelTokenIssuer(context.createProducerTemplate()),
                settings.tokenRefreshMargin(), clock);
        registry.bind("xporterTokens", tokens);
        registry.bind("xporterHttp", new XporterHttp(settings, tokens, clock));
        registry.bind("xporterExtraction", new Extraction(settings, tokens));
        registry.bind("xporterRetryLog", new RetryLog());
        ExecutorService lanes = context.getExecutorServiceManager()
                .newFixedThreadPool(XporterComponents.class, "xporter-lane", Math.max(1, laneThreads));
        registry.bind("xporterLanes", lanes);

        registry.bind("xporterReauthPolicy", quiet(new RedeliveryPolicy())
                .maximumRedeliveries(1)
                .redeliveryDelay(0));
        // a refusal (bad secret, 403, 400, malformed page) is not retried and is reported by the run, once
        registry.bind("xporterNoRetryPolicy", quiet(new RedeliveryPolicy()).maximumRedeliveries(0));
        registry.bind("xporterRateLimitPolicy", quiet(new RedeliveryPolicy())
                .maximumRedeliveries(settings.maxRetries())
                .redeliveryDelay(1000)
                .maximumRedeliveryDelay(settings.maxRetryAfter().toMillis()));
        registry.bind("xporterBackoffPolicy", quiet(new RedeliveryPolicy())
                .maximumRedeliveries(settings.maxRetries())
                .redeliveryDelay(settings.initialBackoff().toMillis())
                .maximumRedeliveryDelay(settings.maxBackoff().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .useCollisionAvoidance()
                .collisionAvoidancePercent(25));
        return tokens;
    }

    /** Retries are logged by {@link RetryLog} and failures by the run report; Camel's own lines would repeat them. */
    private static RedeliveryPolicy quiet(RedeliveryPolicy p) {
        p.setLogRetryAttempted(false);
        p.setLogExhausted(false);
        p.setLogStackTrace(false);
        p.setLogRetryStackTrace(false);
        p.setLogHandled(false);
        p.setLogContinued(false);
        p.setRetriesExhaustedLogLevel(LoggingLevel.DEBUG);
        p.setRetryAttemptedLogLevel(LoggingLevel.DEBUG);
        return p;
    }
}
