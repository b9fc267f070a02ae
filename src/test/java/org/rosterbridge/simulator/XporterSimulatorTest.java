package org.rosterbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rosterbridge.model.Entity;

/** The stand-in speaks the documented protocol, seen from a plain HTTP client. */
class XporterSimulatorTest {
    static final SimulatedSchool NORTH = SimulatedSchool.secondary("3281110", "rp-a", "north-secret", "Northfield")
            .withSize(60, 6);
    static final SimulatedSchool SOUTH = SimulatedSchool.secondary("3281102", "rp-a", "south-secret", "Southgate")
            .withSize(40, 4).withShape(RecordShape.STANDARD);
    static final ObjectMapper JSON = new ObjectMapper();

    XporterSimulator simulator;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        simulator = XporterSimulator.builder().school(NORTH).school(SOUTH).start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    HttpResponse<String> post(String path, String basicUser, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"));
        if (basicUser != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (basicUser + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String token(SimulatedSchool school) throws Exception {
        HttpResponse<String> r = post("/auth/token", school.rp() + "|" + school.estab(), school.secret());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    @Test
    void theTokenEndpointIssuesABearerTokenForTheRightSecretOnly() throws Exception {
        HttpResponse<String> ok = post("/auth/token", "rp-a|3281110", "north-secret");
        JsonNode body = JSON.readTree(ok.body());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(body.get("access_token").asText()).hasSizeGreaterThan(20);

        for (String[] wrong : new String[][] {{"rp-a|3281110", "south-secret"}, {"rp-b|3281110", "north-secret"},
            {"rp-a|9999999", "north-secret"}}) {
            HttpResponse<String> refused = post("/auth/token", wrong[0], wrong[1]);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("invalid_client");
        }
        assertThat(post("/auth/token", null, null).statusCode()).isEqualTo(401);
        assertThat(simulator.requests("3281110").tokenRequests()).isEqualTo(3);
    }

    @Test
    void aTokenDecidesWhichSchoolsDataARequestSees() throws Exception {
        JsonNode north = JSON.readTree(get("/orgs", token(NORTH)).body());
        JsonNode south = JSON.readTree(get("/orgs", token(SOUTH)).body());
        assertThat(north.get("orgs").findValuesAsText("identifier")).contains("3281110").doesNotContain("3281102");
        assertThat(south.get("orgs").findValuesAsText("identifier")).contains("3281102");
        assertThat(simulator.requests("3281110").requests(Entity.ORGS)).hasSize(1);
        assertThat(simulator.requests("3281102").requests(Entity.ORGS)).hasSize(1);
    }

    @Test
    void dataEndpointsRefuseAMissingUnknownOrExpiredToken() throws Exception {
        assertThat(get("/users", null).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = get("/users", "not-a-token");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(unknown.body()).at("/statusInfoSet/0/imsx_codeMajor").asText()).isEqualTo("failure");
        assertThat(simulator.unattributedRequests()).isEqualTo(2);

        simulator.faults("3281110").tokenLifetime(Duration.ofSeconds(1));
        String token = token(NORTH);
        assertThat(get("/users?limit=1", token).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/users?limit=1", token).statusCode() == 401);
    }

    @Test
    void withoutALimitTheWholeCollectionComesInOneResponse() throws Exception {
        String token = token(NORTH);
        int users = SchoolGenerator.generate(NORTH).size(Entity.USERS);
        assertThat(JSON.readTree(get("/users", token).body()).get("users")).hasSize(users);
        assertThat(JSON.readTree(get("/users?limit=10&offset=60", token).body()).get("users")).hasSize(6);
        assertThat(JSON.readTree(get("/users?limit=10&offset=1000", token).body()).get("users")).isEmpty();
        // filter and sort are accepted and ignored, as Xporter is documented to do
        assertThat(JSON.readTree(get("/users?filter=role%3D%27teacher%27&sort=familyName&limit=500", token)
                .body()).get("users")).hasSize(users);
    }

    @Test
    void badPagingParametersGiveA400NamingTheParameter() throws Exception {
        String token = token(NORTH);
        for (String query : List.of("limit=-1", "limit=ten", "offset=-5", "limit=0")) {
            HttpResponse<String> r = get("/users?" + query, token);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).at("/statusInfoSet/0/imsx_description").asText())
                    .contains("'" + query.substring(0, query.indexOf('=')) + "'");
        }
    }

    @Test
    void theTotalCountHeaderCanBeSwitchedOn() throws Exception {
        String token = token(NORTH);
        assertThat(get("/classes?limit=5", token).headers().firstValue("X-Total-Count")).isEmpty();
        simulator.faults("3281110").totalCountHeader(true);
        assertThat(get("/classes?limit=5", token).headers().firstValue("X-Total-Count"))
                .contains(String.valueOf(SchoolGenerator.generate(NORTH).size(Entity.CLASSES)));
    }

    @Test
    void theOlderAddressesWithoutSchoolAnswerToo() throws Exception {
        String older = simulator.rootUrl() + "/api/ims/oneroster/v1p1";
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(older + "/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "rp-a|3281110:north-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(200);
        HttpResponse<String> orgs = http.send(HttpRequest.newBuilder(URI.create(older + "/orgs?limit=1"))
                .header("Authorization", "Bearer " + JSON.readTree(token.body()).get("access_token").asText())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(orgs.body()).get("orgs")).hasSize(1);
    }

    @Test
    void theVersionEndpointsNeedNoToken() throws Exception {
        assertThat(get("/version", null).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get("/version", null).body()).get("version").asText()).isEqualTo("1.1");
        assertThat(get("/auth/version", null).body()).startsWith("Xporter auth");
    }

    @Test
    void scriptedFailuresAnswerWithAStatusInfoSetAndThenStop() throws Exception {
        String token = token(NORTH);
        simulator.faults("3281110").failNext(Entity.USERS, 2, SchoolFaults.Failure.retryAfter(429, 7));
        HttpResponse<String> limited = get("/users?limit=5", token);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");
        assertThat(JSON.readTree(limited.body()).at("/statusInfoSet/0/imsx_CodeMinor/imsx_codeMinorField/0"
                + "/imsx_codeMinorFieldValue").asText()).isEqualTo("server_busy");
        assertThat(get("/users?limit=5", token).statusCode()).isEqualTo(429);
        assertThat(get("/users?limit=5", token).statusCode()).isEqualTo(200);
        assertThat(simulator.requests("3281110").requests(Entity.USERS)).extracting(RequestLog.Request::status)
                .containsExactly(429, 429, 200);
    }

    @Test
    void requestsAreServedConcurrentlyDespiteLatency() throws Exception {
        simulator.close();
        simulator = XporterSimulator.builder().school(NORTH).latency(Duration.ofMillis(300)).start();
        String token = token(NORTH);
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/users?limit=5"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()));
        }
        calls.forEach(c -> assertThat(c.join().statusCode()).isEqualTo(200));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(8 * 300 / 2));
    }

    @Test
    void dayTwoAndCountersAreReachableOverHttp() throws Exception {
        get("/orgs", token(NORTH));
        HttpResponse<String> counters = http.send(HttpRequest.newBuilder(URI.create(simulator.rootUrl()
                + "/_simulator/schools/3281110")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(counters.body()).get("tokenRequests").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(counters.body()).at("/requests/orgs").asInt()).isEqualTo(1);

        HttpResponse<String> dayTwo = http.send(HttpRequest.newBuilder(URI.create(simulator.rootUrl()
                + "/_simulator/schools/3281110/day-two")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(dayTwo.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(dayTwo.body()).get("expected")).hasSize(DayTwo.of(NORTH).expected().size());
        assertThat(JSON.readTree(get("/users", token(NORTH)).body()).get("users"))
                .hasSize(SchoolGenerator.generate(NORTH).size(Entity.USERS) + 1);
    }
}
