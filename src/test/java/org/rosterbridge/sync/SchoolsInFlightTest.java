package org.rosterbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.Gateway;

/** Memory grows with the schools in flight, so gateway.max-concurrent-schools must bound them on every path. */
class SchoolsInFlightTest {
    private static final int SCHOOLS = 6;

    @TempDir
    Path dir;

    private HttpServer xporter;
    /** Schools that have a token and have not yet been served their last collection. */
    private final Set<String> open = new HashSet<>();
    private final Map<String, AtomicInteger> collectionsServed = new java.util.concurrent.ConcurrentHashMap<>();
    private int mostOpen;

    @BeforeEach
    void startXporter() throws IOException {
        xporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        xporter.setExecutor(Executors.newCachedThreadPool());
        xporter.createContext("/", this::serve);
        xporter.start();
    }

    @AfterEach
    void stopXporter() {
        xporter.stop(0);
    }

    @Test
    void noMoreSchoolsAreSyncedAtOnceThanConfiguredEvenWhenLanesCarryTheRuns() throws IOException {
        StringBuilder schools = new StringBuilder("schools:\n");
        for (int i = 0; i < SCHOOLS; i++) {
            schools.append("  - estab: \"328111").append(i).append("\"\n    rp: rp\n    secret: s").append(i)
                    .append('\n');
        }
        Path file = Files.writeString(dir.resolve("schools.yaml"), schools);
        try (Gateway g = Gateway.start(Map.of("gateway.state-dir", dir.resolve("state").toString(),
                "csv.enabled", "false", "xporter.schools-file", file.toString(),
                "xporter.base-url", "http://127.0.0.1:" + xporter.getAddress().getPort() + "/api",
                "xporter.max-concurrent-requests", "4", "gateway.max-concurrent-schools", "2"))) {
            List<RunReport> reports = g.sync();
            assertThat(reports).hasSize(SCHOOLS).allMatch(r -> r.outcome() == RunOutcome.COMPLETED);
        }
        synchronized (open) {
            assertThat(mostOpen).isEqualTo(2);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String collection = path.substring(path.lastIndexOf('/') + 1);
        String body;
        if (collection.equals("token")) {
            String basic = exchange.getRequestHeaders().getFirst("Authorization").substring("Basic ".length());
            String user = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
            String estab = user.substring(user.indexOf('|') + 1, user.indexOf(':'));
            synchronized (open) {
                open.add(estab);
                mostOpen = Math.max(mostOpen, open.size());
            }
            body = "{\"access_token\":\"t" + estab + "\",\"expires_in\":3600}";
        } else {
            String estab = exchange.getRequestHeaders().getFirst("Authorization").substring("Bearer t".length());
            try {
                // slow enough that, unbounded, every school would be holding a token before the first one ends
                TimeUnit.MILLISECONDS.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            body = "{\"" + collection + "\":[" + record(collection, estab) + "]}";
            if (collectionsServed.computeIfAbsent(estab, k -> new AtomicInteger()).incrementAndGet() == 6) {
                synchronized (open) {
                    open.remove(estab);
                }
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String record(String collection, String estab) {
        String common = "\"status\":\"active\",\"dateLastModified\":\"2026-01-05T08:00:00Z\"";
        return switch (collection) {
            case "users" -> "{\"sourcedId\":\"u1\"," + common + ",\"username\":\"a\",\"role\":\"student\"}";
            case "classes" -> "{\"sourcedId\":\"c1\"," + common + ",\"title\":\"9Ma1\"}";
            case "enrollments" -> "{\"sourcedId\":\"e1\"," + common + ",\"user\":{\"sourcedId\":\"u1\"},"
                    + "\"class\":{\"sourcedId\":\"c1\"},\"role\":\"student\"}";
            default -> "{\"sourcedId\":\"" + collection + "-" + estab + "\"," + common + "}";
        };
    }
}
