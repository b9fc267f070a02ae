package org.rosterbridge.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.rosterbridge.model.CanonicalJson;
import org.rosterbridge.model.School;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one class that speaks Xporter's protocol. The YAML routes put the HTTP endpoint between its request and
 * response halves: this class sets the headers (Basic for the token, Bearer for data, {@code limit} always sent) and
 * turns each status code into what it must get: a token, a page, or an exception the routes' retry rules select on.
 */
public final class XporterHttp {
    private static final Logger LOG = LoggerFactory.getLogger(XporterHttp.class);
    private static final String TURN = "rosterbridgeXporterTurn";
    private static final String TOKEN_SENT = "rosterbridgeToken";
    /** The exchange property that names the school a token is requested for. */
    public static final String SCHOOL = "rosterbridgeSchool";

    private final XporterSettings settings;
    private final TokenCache tokens;
    private final Clock clock;
    private final RequestGate gate;

    public XporterHttp(XporterSettings settings, TokenCache tokens, Clock clock) {
        this.settings = settings;
        this.tokens = tokens;
        this.clock = clock;
        this.gate = new RequestGate(settings.maxConcurrentRequests());
    }

    /** Sets up {@code POST {base}/auth/token} with Basic {@code rp|estab:secret} for the school in {@link #SCHOOL}. */
    public void tokenRequest(Exchange exchange) {
        School school = exchange.getProperty(SCHOOL, School.class);
        Message in = fresh(exchange);
        in.setHeader(Exchange.HTTP_METHOD, "POST");
        in.setHeader(Exchange.HTTP_PATH, "/auth/token");
        String user = school.rp() + "|" + school.estab();
        in.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + school.secret().reveal()).getBytes(StandardCharsets.UTF_8)));
    }

    /** The token endpoint's answer: an {@link AccessToken}, or the failure it means. */
    public AccessToken tokenResponse(Exchange exchange) {
        School school = exchange.getProperty(SCHOOL, School.class);
        int status = status(exchange);
        if (status == 200) {
            try (InputStream body = exchange.getIn().getBody(InputStream.class)) {
                JsonNode json = CanonicalJson.mapper().readTree(body);
                String token = json == null ? null : json.path("access_token").asText(null);
                if (token == null || token.isBlank()) {
                    throw new XporterException.Unavailable(school, null, -1, status,
                            ": the token response has no access_token", null);
                }
                long expiresIn = json.path("expires_in").asLong(3600);
                Instant now = clock.instant();
                return new AccessToken(token, now, now.plusSeconds(Math.max(1, expiresIn)));
            } catch (IOException e) {
                throw new XporterException.Unavailable(school, null, -1, status,
                        ": the token response is not JSON", e);
            }
        }
        String detail = detail(exchange, null);
        if (status == 401 || status == 403) {
            throw new XporterException.AuthenticationFailed(school, status, detail);
        }
        if (status == 429 || status >= 500) {
            throw retryLater(exchange, school, status, detail);
        }
        throw new XporterException.BadRequest(school, null, -1, status, detail.isEmpty()
                ? " at the token endpoint" : detail);
    }

    /** Body: {@code /version} or {@code /auth/version}. Unauthenticated. */
    public void versionRequest(Exchange exchange) {
        String path = exchange.getIn().getBody(String.class);
        Message in = fresh(exchange);
        in.setHeader(Exchange.HTTP_METHOD, "GET");
        in.setHeader(Exchange.HTTP_PATH, path);
        in.setHeader("Accept", "application/json, text/plain");
    }

    /** The version endpoints' body is not documented: plain text or JSON, both are shown as they are. */
    public String versionResponse(Exchange exchange) {
        int status = status(exchange);
        String text = exchange.getIn().getBody(String.class);
        if (status != 200) {
            throw new XporterException.Unavailable(null, null, -1, status, detail(exchange, null), null);
        }
        text = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }

    /** Sets up {@code GET {base}/{entity}?limit=N&offset=K} with the school's bearer token. */
    public void pageRequest(Exchange exchange) {
        EntityPull pull = exchange.getProperty(Extraction.PULL, EntityPull.class);
        String token = tokens.bearer(pull.school());
        exchange.setProperty(TOKEN_SENT, token);
        pull.countRequest();
        Message in = fresh(exchange);
        in.setHeader(Exchange.HTTP_METHOD, "GET");
        in.setHeader(Exchange.HTTP_PATH, "/" + pull.entity().collection());
        in.setHeader(Exchange.HTTP_QUERY, "limit=" + pull.limit() + "&offset=" + pull.offset());
        in.setHeader("Authorization", "Bearer " + token);
    }

    /** Waits for the page request's turn among all schools' requests (oldest school first). */
    public void awaitTurn(Exchange exchange) throws InterruptedException {
        SchoolExtraction extraction = exchange.getProperty(Extraction.PROPERTY, SchoolExtraction.class);
        gate.enter(extraction == null ? Long.MAX_VALUE : extraction.seniority());
        exchange.setProperty(TURN, Boolean.TRUE);
    }

    /** After the request, whether it succeeded or not: the next request may go. */
    public void turnDone(Exchange exchange) {
        if (exchange.removeProperty(TURN) != null) {
            gate.leave();
        }
    }

    /** Reads a page into the pull, or throws what its status code means. */
    public void pageResponse(Exchange exchange) {
        EntityPull pull = exchange.getProperty(Extraction.PULL, EntityPull.class);
        School school = pull.school();
        int status = status(exchange);
        if (status == 200) {
            Integer total = header(exchange, "X-Total-Count");
            java.util.List<org.rosterbridge.model.RecordVersion> page;
            try (InputStream body = exchange.getIn().getBody(InputStream.class)) {
                if (body == null) {
                    throw new XporterException.MalformedPage(school, pull.entity(), pull.offset(),
                            "empty response body", null);
                }
                page = PageReader.read(pull, body);
            } catch (IOException e) {
                throw new XporterException.Unavailable(school, pull.entity(), pull.offset(), 0,
                        ": the response could not be read", e);
            }
            exchange.getIn().setBody(null);
            int fresh = 0;
            for (var version : page) {
                if (pull.accept(version)) {
                    fresh++;
                }
            }
            if (pull.pageRead(page.size(), fresh, total)) {
                endOfPass(pull, exchange);
            }
            return;
        }
        String detail = detail(exchange, exchange.getProperty(TOKEN_SENT, String.class));
        switch (status) {
            case 401 -> {
                tokens.invalidate(school, exchange.getProperty(TOKEN_SENT, String.class));
                throw new XporterException.Unauthorized(school, pull.entity(), pull.offset(), detail);
            }
            case 403 -> {
                if (settings.onForbidden() == XporterSettings.OnForbidden.SKIP) {
                    LOG.warn("{}: {} is forbidden (HTTP 403{}); skipped as xporter.on-forbidden=skip, its last "
                            + "committed records are kept", school.label(), pull.entity(), detail);
                    pull.skip();
                    exchange.getProperty(Extraction.PROPERTY, SchoolExtraction.class)
                            .warn(pull.entity() + " skipped: HTTP 403");
                    return;
                }
                throw new XporterException.Forbidden(school, pull.entity(), pull.offset(), detail);
            }
            default -> {
                if (status == 429 || status >= 500) {
                    throw retryLater(exchange, school, status, detail, pull);
                }
                throw new XporterException.BadRequest(school, pull.entity(), pull.offset(), status,
                        detail + " (request: limit=" + pull.limit() + "&offset=" + pull.offset() + ")");
            }
        }
    }

    private void endOfPass(EntityPull pull, Exchange exchange) {
        String drift = pull.driftIn();
        SchoolExtraction extraction = exchange.getProperty(Extraction.PROPERTY, SchoolExtraction.class);
        if (drift == null) {
            pull.finish();
            return;
        }
        if (pull.pass() == 1) {
            LOG.warn("{}: {}: {}; extracting {} again from offset 0", pull.school().label(), pull.entity(), drift,
                    pull.entity());
            pull.restart();
            return;
        }
        if (pull.totalMismatch()) {
            throw new XporterException.Inconsistent(pull.school(), pull.entity(), "the data kept changing during "
                    + "two extractions (" + drift + "); no snapshot is taken, the next run tries again");
        }
        String warning = pull.entity() + ": " + drift + "; each record kept once";
        LOG.warn("{}: {}", pull.school().label(), warning);
        if (extraction != null) {
            extraction.warn(warning);
        }
        pull.finish();
    }

    private XporterException retryLater(Exchange exchange, School school, int status, String detail) {
        return retryLater(exchange, school, status, detail, null);
    }

    private XporterException retryLater(Exchange exchange, School school, int status, String detail,
                                        EntityPull pull) {
        var entity = pull == null ? null : pull.entity();
        int offset = pull == null ? -1 : pull.offset();
        if (status == 429) {
            long wait = Math.min(retryAfterMillis(exchange), settings.maxRetryAfter().toMillis());
            // read by Camel's redelivery error handler in place of the backoff policy's delay
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, wait);
            return new XporterException.RateLimited(school, entity, offset, wait, detail);
        }
        return new XporterException.Unavailable(school, entity, offset, status, detail, null);
    }

    /** Retry-After in seconds or as an HTTP date; one second when absent or unreadable. */
    private long retryAfterMillis(Exchange exchange) {
        String value = exchange.getIn().getHeader("Retry-After", String.class);
        if (value == null || value.isBlank()) {
            return 1000;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()) * 1000);
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, at.toEpochMilli() - clock.millis());
            } catch (RuntimeException e2) {
                return 1000;
            }
        }
    }

    /** Clears the previous response's headers and body: they must not travel with the next request. */
    private static Message fresh(Exchange exchange) {
        Message in = exchange.getIn();
        in.removeHeaders("*");
        in.setBody(null);
        in.setHeader("Accept", "application/json");
        return in;
    }

    private static int status(Exchange exchange) {
        Integer code = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return code == null ? 0 : code;
    }

    private static Integer header(Exchange exchange, String name) {
        try {
            return exchange.getIn().getHeader(name, Integer.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The server's own words from an error body: a OneRoster {@code statusInfoSet} description or an OAuth
     * {@code error_description}, else the start of the text. Whatever is echoed, the token sent is cut out.
     */
    static String detail(Exchange exchange, String tokenSent) {
        String text;
        try {
            text = exchange.getIn().getBody(String.class);
        } catch (RuntimeException e) {
            return "";
        }
        if (text == null || text.isBlank()) {
            return "";
        }
        String said = null;
        try {
            JsonNode json = CanonicalJson.mapper().readTree(text);
            if (json != null) {
                JsonNode info = json.path("statusInfoSet");
                if (info.isArray() && !info.isEmpty()) {
                    info = info.get(0);
                }
                said = info.path("imsx_description").asText(null);
                if (said == null) {
                    said = json.path("error_description").asText(json.path("error").asText(null));
                }
            }
        } catch (IOException | RuntimeException e) {
            said = null;
        }
        if (said == null) {
            said = text.strip();
        }
        said = said.replaceAll("\\s+", " ");
        if (said.length() > 200) {
            said = said.substring(0, 200) + "...";
        }
        if (tokenSent != null && !tokenSent.isEmpty()) {
            said = said.replace(tokenSent, "******");
        }
        return said.isEmpty() ? "" : " (Xporter said: " + said + ")";
    }
}
