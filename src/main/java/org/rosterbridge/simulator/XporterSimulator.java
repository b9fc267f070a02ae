package org.rosterbridge.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.rosterbridge.model.Entity;

/**
 * A stand-in for Groupcall Xporter's OneRoster v1.1 API on a real HTTP server: the token endpoint with HTTP Basic
 * {@code rp|estab:secret}, the six collections with {@code limit}/{@code offset} paging, the version endpoints,
 * OneRoster error bodies, per-school fault switches and request counters, and the day-two change script, also
 * reachable over HTTP under {@code /_simulator/} for tests that run the gateway in another process.
 */
public final class XporterSimulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom TOKENS = new SecureRandom();
    private static final String ADMIN = "/_simulator/schools";
    private static final String OLDER_BASE = "/api/ims/oneroster/v1p1";

    private record Grant(String estab, Instant expiresAt) {
    }

    private final SimulatorConfig config;
    private final Map<String, ServedSchool> schools = new LinkedHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unattributed = new AtomicInteger();
    private final Clock clock = Clock.systemUTC();
    private final HttpServer server;
    private final ExecutorService executor;

    private XporterSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        config.schools().forEach(s -> schools.put(s.estab(), new ServedSchool(s)));
        server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 1024);
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "xporter-simulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static XporterSimulator start(SimulatorConfig config) {
        try {
            return new XporterSimulator(config);
        } catch (IOException e) {
            throw new UncheckedIOException("the simulator cannot listen on " + config.host() + ":" + config.port(), e);
        }
    }

    public static SimulatorConfig.Builder builder() {
        return SimulatorConfig.builder();
    }

    /** The API base, as {@code xporter.base-url} takes it. */
    public String baseUrl() {
        return rootUrl() + SimulatorConfig.BASE_PATH;
    }

    /** Scheme, host and port, without a path. */
    public String rootUrl() {
        return "http://" + config.host() + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SimulatorConfig config() {
        return config;
    }

    public List<SimulatedSchool> schools() {
        return schools.values().stream().map(ServedSchool::school).toList();
    }

    /** The fault switches of a school. */
    public SchoolFaults faults(String estab) {
        return served(estab).faults();
    }

    /** What a school was asked. */
    public RequestLog requests(String estab) {
        return served(estab).log();
    }

    /** Data requests with a token the simulator never issued (or none), which no school can be charged with. */
    public int unattributedRequests() {
        return unattributed.get();
    }

    /**
     * Generates every school's data now rather than on its first request, so that a measured run does not include
     * the generator's time. Schools are generated in parallel.
     */
    public XporterSimulator prepare() {
        schools.values().parallelStream().forEach(s -> s.records(Entity.ORGS));
        return this;
    }

    /** Applies a school's day-two change set and returns what a consumer must be told. Idempotent. */
    public DayTwo applyDayTwo(String estab) {
        return served(estab).applyDayTwo();
    }

    /** Every token issued since the start, revoked and expired ones included: tests look for them in logs. */
    public Set<String> issuedTokens() {
        return Set.copyOf(issued);
    }

    /** Makes every token issued so far invalid, as a vendor-side revocation would. */
    public void revokeTokens() {
        grants.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private ServedSchool served(String estab) {
        ServedSchool s = schools.get(estab);
        if (s == null) {
            throw new IllegalArgumentException("the simulator serves no school " + estab);
        }
        return s;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String base = SimulatorConfig.BASE_PATH;
            if (path.startsWith(ADMIN)) {
                admin(exchange, path.substring(ADMIN.length()));
            } else if (path.startsWith(OLDER_BASE + "/") && !path.startsWith(base + "/")) {
                // an older vendor page documents the API without /school and the token at .../v1p1/token
                String rest = path.substring(OLDER_BASE.length());
                if (rest.equals("/token")) {
                    token(exchange);
                } else {
                    collection(exchange, rest.substring(1));
                }
            } else if (!path.startsWith(base + "/")) {
                error(exchange, 404, "unknownobject", "No such endpoint: " + path, 0);
            } else {
                String rest = path.substring(base.length());
                switch (rest) {
                    case "/auth/token" -> token(exchange);
                    case "/version" -> send(exchange, 200, "application/json",
                            bytes("{\"version\":\"1.1\",\"api\":\"OneRoster\",\"server\":\"Xporter (simulated)\"}"));
                    case "/auth/version" -> send(exchange, 200, "text/plain", bytes("Xporter auth 2.1 (simulated)"));
                    default -> collection(exchange, rest.substring(1));
                }
            }
        } catch (RuntimeException e) {
            error(exchange, 500, "internal_server_error", "simulator failure: " + e.getClass().getSimpleName(), 0);
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            error(exchange, 405, "invalid_data", "Use POST for the token endpoint", 0);
            return;
        }
        exchange.getRequestBody().readAllBytes();
        String[] credentials = basic(exchange.getRequestHeaders().getFirst("Authorization"));
        ServedSchool school = credentials == null ? null : schools.get(credentials[1]);
        if (school != null) {
            school.log().token();
            pause(school);
            SchoolFaults.Failure failure = school.faults().takeTokenFailure();
            if (failure != null && failure.status() != 401) {
                error(exchange, failure.status(), codeMinor(failure.status()), failure.description(),
                        failure.retryAfterSeconds());
                return;
            }
            if (failure == null && school.school().rp().equals(credentials[0])
                    && school.school().secret().equals(credentials[2])) {
                Duration life = school.faults().tokenLifetimeOr(config.tokenLifetime());
                String token = newToken();
                issued.add(token);
                grants.put(token, new Grant(school.school().estab(), clock.instant().plus(life)));
                ObjectNode body = JSON.createObjectNode();
                body.put("access_token", token);
                body.put("token_type", "Bearer");
                body.put("expires_in", Math.max(1, life.toSeconds()));
                send(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
                return;
            }
        } else {
            pause(null);
        }
        send(exchange, 401, "application/json", bytes("{\"error\":\"invalid_client\",\"error_description\":"
                + "\"Request contains an invalid client ID or secret\"}"));
    }

    private void collection(HttpExchange exchange, String name) throws IOException {
        Entity entity = Entity.SOURCE.stream().filter(e -> e.collection().equals(name)).findFirst().orElse(null);
        if (entity == null || !exchange.getRequestMethod().equals("GET")) {
            error(exchange, 404, "unknownobject", "No such collection: " + name, 0);
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        Grant grant = grant(exchange.getRequestHeaders().getFirst("Authorization"));
        if (grant == null) {
            unattributed.incrementAndGet();
            pause(null);
            error(exchange, 401, "unauthorisedrequest", "The request does not contain a valid access token", 0);
            return;
        }
        ServedSchool school = schools.get(grant.estab());
        // checked on arrival: a token valid when it reached the server is not refused for the server's slowness
        boolean expired = !clock.instant().isBefore(grant.expiresAt());
        pause(school);
        if (expired) {
            school.log().data(entity, query, 401);
            error(exchange, 401, "unauthorisedrequest", "The access token has expired", 0);
            return;
        }
        SchoolFaults.Failure failure = school.faults().takeFailure(entity);
        if (failure != null) {
            school.log().data(entity, query, failure.status());
            error(exchange, failure.status(), codeMinor(failure.status()), failure.description(),
                    failure.retryAfterSeconds());
            return;
        }
        Map<String, String> params = params(query);
        long limit;
        long offset;
        try {
            limit = number(params, "limit", Long.MAX_VALUE, 1);
            offset = number(params, "offset", 0, 0);
        } catch (IllegalArgumentException e) {
            school.log().data(entity, query, 400);
            error(exchange, 400, "invalid_selection_field", e.getMessage(), 0);
            return;
        }
        school.log().data(entity, query, 200);
        List<byte[]> records = school.faults().emptied(entity) ? List.of() : school.records(entity);
        // The drift lands before this page leaves: a client that asks for the next page as soon as this one
        // arrives must already see the changed data. The page itself is served from the list taken above.
        SchoolFaults.Drift drift = school.faults().pageServed(entity);
        if (drift != null) {
            school.drift(entity, drift);
        }
        page(exchange, school, entity, records, limit, offset);
    }

    private void page(HttpExchange exchange, ServedSchool school, Entity entity, List<byte[]> records, long limit,
                      long offset) throws IOException {
        int from = (int) Math.min(offset, records.size());
        int to = (int) Math.min(records.size(), from + Math.min(limit, records.size()));
        byte[] open = bytes("{\"" + entity.collection() + "\":[");
        byte[] close = bytes("]}");
        long length = open.length + close.length + Math.max(0, to - from - 1);
        for (int i = from; i < to; i++) {
            length += records.get(i).length;
        }
        if (school.faults().totalCountHeaderOr(config.totalCountHeader())) {
            exchange.getResponseHeaders().set("X-Total-Count", String.valueOf(records.size()));
        }
        SchoolFaults.Malformation broken = school.faults().takeMalformation(entity, (int) offset);
        if (broken == SchoolFaults.Malformation.NOT_JSON) {
            send(exchange, 200, "text/html", bytes("<html><body><h1>502 Bad Gateway</h1></body></html>"));
            return;
        }
        long cut = broken == SchoolFaults.Malformation.TRUNCATED ? Math.max(1, length / 2) : length;
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, cut);
        try (OutputStream out = new Limited(new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024), cut)) {
            out.write(open);
            for (int i = from; i < to; i++) {
                if (i > from) {
                    out.write(',');
                }
                out.write(records.get(i));
            }
            out.write(close);
        }
    }

    private void admin(HttpExchange exchange, String rest) throws IOException {
        String[] parts = rest.split("/");
        if (rest.isEmpty() || rest.equals("/")) {
            ArrayNode list = JSON.createArrayNode();
            schools.keySet().forEach(e -> list.add(status(schools.get(e))));
            send(exchange, 200, "application/json", JSON.writeValueAsBytes(list));
            return;
        }
        ServedSchool school = parts.length >= 2 ? schools.get(parts[1]) : null;
        if (school == null) {
            error(exchange, 404, "unknownobject", "No such school", 0);
        } else if (parts.length == 2 && exchange.getRequestMethod().equals("GET")) {
            send(exchange, 200, "application/json", JSON.writeValueAsBytes(status(school)));
        } else if (parts.length == 3 && parts[2].equals("day-two") && exchange.getRequestMethod().equals("POST")) {
            DayTwo dayTwo = school.applyDayTwo();
            ObjectNode body = JSON.createObjectNode();
            body.put("estab", school.school().estab());
            body.put("touchedOnly", dayTwo.touchedOnly());
            ArrayNode expected = body.putArray("expected");
            for (ExpectedChange c : dayTwo.expected()) {
                expected.addObject().put("entity", c.entity().collection()).put("sourcedId", c.sourcedId())
                        .put("op", c.op().wire()).put("reason", c.reason().wire());
            }
            send(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
        } else {
            error(exchange, 404, "unknownobject", "No such simulator endpoint", 0);
        }
    }

    private static ObjectNode status(ServedSchool school) {
        ObjectNode n = JSON.createObjectNode();
        n.put("estab", school.school().estab());
        n.put("rp", school.school().rp());
        n.put("name", school.school().name());
        n.put("tokenRequests", school.log().tokenRequests());
        n.put("dataRequests", school.log().requestCount());
        ObjectNode counts = n.putObject("requests");
        school.log().counts().forEach((e, c) -> counts.put(e.collection(), c));
        return n;
    }

    private Grant grant(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return grants.get(authorization.substring(7).trim());
    }

    /** {rp, estab, secret} from {@code Basic base64(rp|estab:secret)}, or null. */
    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        int bar = decoded.indexOf('|');
        if (colon < 0 || bar < 0 || bar > colon) {
            return null;
        }
        return new String[] {decoded.substring(0, bar), decoded.substring(bar + 1, colon),
            decoded.substring(colon + 1)};
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    /** A paging parameter: absent gives the default; anything but a whole number at least {@code min} is refused. */
    private static long number(Map<String, String> params, String name, long absent, long min) {
        String value = params.get(name);
        if (value == null) {
            return absent;
        }
        if (!value.matches("\\d{1,18}") || Long.parseLong(value) < min) {
            throw new IllegalArgumentException("Invalid value for query parameter '" + name + "': '" + value
                    + "' (" + (min > 0 ? "a positive" : "a non-negative") + " whole number is required)");
        }
        return Long.parseLong(value);
    }

    private void pause(ServedSchool school) {
        Duration wait = school == null ? config.latency() : config.latency().plus(school.faults().latency());
        if (wait.isZero()) {
            return;
        }
        try {
            // the simulated network and vendor: this thread stands for the request in flight
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String newToken() {
        byte[] b = new byte[32];
        TOKENS.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String codeMinor(int status) {
        return switch (status) {
            case 400 -> "invalid_selection_field";
            case 401 -> "unauthorisedrequest";
            case 403 -> "forbidden";
            case 404 -> "unknownobject";
            case 429 -> "server_busy";
            default -> "internal_server_error";
        };
    }

    /** A OneRoster v1.1 error: a statusInfoSet with code major, severity, description and a code minor. */
    private static void error(HttpExchange exchange, int status, String codeMinor, String description,
                              int retryAfterSeconds) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode info = body.putArray("statusInfoSet").addObject();
        info.put("imsx_codeMajor", "failure");
        info.put("imsx_severity", "error");
        info.put("imsx_description", description);
        info.putObject("imsx_CodeMinor").putArray("imsx_codeMinorField").addObject()
                .put("imsx_codeMinorFieldName", "TargetEndSystem").put("imsx_codeMinorFieldValue", codeMinor);
        if (retryAfterSeconds > 0) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
        }
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes at most {@code limit} bytes and drops the rest: how a truncated page is made. */
    private static final class Limited extends OutputStream {
        private final OutputStream out;
        private long left;

        Limited(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (left > 0) {
                out.write(b);
                left--;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, left);
            if (n > 0) {
                out.write(b, off, n);
                left -= n;
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
