package org.rosterbridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rosterbridge.config.Settings;

class XporterComponentsTest {
    private HttpServer server;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                // the first request holds its connection until every other request has been made and is waiting
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{}".getBytes();
            inFlight.decrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void requestsBeyondTheConnectionLimitWaitForAConnectionInsteadOfFailing() throws Exception {
        XporterSettings settings = XporterSettings.from(Settings.of(Map.of("xporter.max-concurrent-requests", "2")));
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            XporterComponents.register(context, settings, 6, Clock.systemUTC());
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/users?throwExceptionOnFailure=false";
            List<CompletableFuture<Exchange>> requests = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                requests.add(template.asyncSend(uri, e -> e.getIn().setHeader(Exchange.HTTP_METHOD, "GET")));
            }
            // two hold the connections and four wait in the pool: those must queue, not fail
            PoolingHttpClientConnectionManager pool = (PoolingHttpClientConnectionManager)
                    context.getEndpoint(uri, HttpEndpoint.class).getClientConnectionManager();
            await().atMost(5, TimeUnit.SECONDS).until(() -> inFlight.get() == 2
                    && pool.getTotalStats().getPending() == 4);
            release.countDown();
            for (CompletableFuture<Exchange> r : requests) {
                Exchange done = r.get(10, TimeUnit.SECONDS);
                assertThat(done.getException()).isNull();
                assertThat(done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
            }
            assertThat(mostInFlight.get()).isEqualTo(2);
        }
    }
}
