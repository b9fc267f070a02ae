package org.rosterbridge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The least any client can do to read what the gateway reads: a token per school, then every page of the six
 * collections ({@code limit} fixed, {@code offset} moving until a short page), at most N requests in flight, each
 * page only counted and dropped. The gateway's wall time is reported as a ratio of this one's.
 *
 * <p>Usage: {@code LimitFetcher BASE_URL SCHOOLS_FILE [page-size] [in-flight]}, the schools file the gateway reads
 * (only its flat {@code estab}, {@code rp}, inline {@code secret} keys, as {@code rosterbridge simulator} writes
 * them). Prints one line of {@code key=value} pairs.
 */
public final class LimitFetcher {
    private static final List<String> COLLECTIONS = List.of("orgs", "academicSessions", "courses", "classes",
            "users", "enrollments");
    private static final Pattern KEY = Pattern.compile("^\\s*(- )?\\s*(\\w+):\\s*\"?([^\"]*?)\"?\\s*$");
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final String base;
    private final int limit;
    private final HttpClient client;
    private final ExecutorService workers;
    private final AtomicInteger pending = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    private LimitFetcher(String base, int limit, int inFlight) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.limit = limit;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        // one blocking request per worker: the pool's size is exactly the number of requests in flight
        this.workers = Executors.newFixedThreadPool(inFlight);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LimitFetcher BASE_URL SCHOOLS_TSV [page-size] [in-flight]");
            System.exit(2);
        }
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int inFlight = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        List<String[]> schools = schools(Path.of(args[1]));
        LimitFetcher f = new LimitFetcher(args[0], limit, inFlight);
        long start = System.nanoTime();
        for (String[] s : schools) {
            f.submit(() -> f.token(s[0], s[1], s[2]));
        }
        f.done.await();
        long millis = (System.nanoTime() - start) / 1_000_000;
        f.workers.shutdownNow();
        if (f.failure.get() != null) {
            System.err.println("limit fetcher failed: " + f.failure.get());
            System.exit(1);
        }
        System.out.printf("schools=%d requests=%d records=%d bytes=%d fetch_ms=%d%n", schools.size(),
                f.requests.get(), f.records.get(), f.bytes.get(), millis);
    }

    /** {@code estab, rp, secret} of each school, in file order. */
    static List<String[]> schools(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        String[] current = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher m = KEY.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (m.group(1) != null) {
                current = new String[3];
                out.add(current);
            }
            int slot = switch (m.group(2)) {
                case "estab" -> 0;
                case "rp" -> 1;
                case "secret" -> 2;
                default -> -1;
            };
            if (current != null && slot >= 0) {
                current[slot] = m.group(3);
            }
        }
        for (String[] s : out) {
            if (s[0] == null || s[1] == null || s[2] == null) {
                throw new IOException(file + ": every school needs estab, rp and an inline secret");
            }
        }
        return out;
    }

    private interface Step {
        void run() throws Exception;
    }

    private void submit(Step step) {
        pending.incrementAndGet();
        workers.execute(() -> {
            try {
                if (failure.get() == null) {
                    step.run();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                // follow-up steps were submitted before this one ends, so zero means nothing is left
                if (pending.decrementAndGet() == 0) {
                    done.countDown();
                }
            }
        });
    }

    private void token(String estab, String rp, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((rp + "|" + estab + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/auth/token"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        String body = send(request);
        Matcher m = TOKEN.matcher(body);
        if (!m.find()) {
            throw new IOException("no access_token for " + estab);
        }
        String bearer = m.group(1);
        for (String collection : COLLECTIONS) {
            submit(() -> page(estab, bearer, collection, 0));
        }
    }

    private void page(String estab, String bearer, String collection, int offset)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + collection + "?limit=" + limit
                        + "&offset=" + offset))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        requests.incrementAndGet();
        if (response.statusCode() != 200) {
            throw new IOException(estab + " " + collection + " offset " + offset + ": HTTP " + response.statusCode());
        }
        bytes.addAndGet(response.body().length);
        int count = countRecords(response.body());
        records.addAndGet(count);
        if (count >= limit) {
            submit(() -> page(estab, bearer, collection, offset + count));
        }
    }

    private String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        requests.incrementAndGet();
        if (response.statusCode() != 200) {
            throw new IOException(request.uri().getPath() + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** Objects directly inside the envelope's list ({@code {"users":[{...},{...}]}}): a scan, not a parse. */
    static int countRecords(byte[] json) {
        int depth = 0;
        int count = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
                continue;
            }
            switch (b) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    depth++;
                    if (depth == 3 && b == '{') {
                        count++;
                    }
                }
                case '}', ']' -> depth--;
                default -> {
                }
            }
        }
        return count;
    }
}
