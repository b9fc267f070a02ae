package org.rosterbridge.bench;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.rosterbridge.embedded.EmbeddedKafka;

/**
 * A real Kafka broker in a process of its own for the benchmark, so that the gateway's CPU and memory figures are
 * the gateway's alone. Prints {@code bootstrap=host:port} once it answers, and runs until it is stopped (SIGTERM).
 */
public final class BenchBroker {
    private BenchBroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        // the cleaner's 128 MiB dedupe buffer default is heap the benchmark does not need
        EmbeddedKafka kafka = EmbeddedKafka.start(Map.of("log.cleaner.dedupe.buffer.size", "4194304"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println("bootstrap=" + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
