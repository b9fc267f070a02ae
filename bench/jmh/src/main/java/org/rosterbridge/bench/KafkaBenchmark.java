package org.rosterbridge.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ProducerTemplate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rosterbridge.Gateway;
import org.rosterbridge.change.ChangeDetector;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.change.Detection;
import org.rosterbridge.embedded.EmbeddedKafka;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.sync.Delivery;

/**
 * A school's first run through the real Kafka route (events, Camel messages, camel-kafka, the producer, acks=all)
 * into a broker in this JVM. Besides the time per delivery, each iteration prints its events per second and the
 * CPU per record of the route's thread, of the producer's sender thread, and of the whole process (which includes the
 * broker, so it overstates what the gateway spends beside a real cluster).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6)
@Measurement(iterations = 10)
@Fork(1)
public class KafkaBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Param({"1500"})
    public int pupils;

    /** Client settings over the gateway's, {@code key=value} separated by {@code ;}, to compare producer tunings. */
    @Param({""})
    public String client;

    private EmbeddedKafka kafka;
    private Path state;
    private Gateway gateway;
    private ProducerTemplate template;
    private Delivery firstRun;
    private long records;
    private long wall;
    private long threadCpu;
    private long processCpu;
    private long senderCpu;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Snapshot empty = Snapshot.empty(Staging.ESTAB);
        Detection first = new ChangeDetector().detect(empty, Staging.stage(Staging.dayOne(pupils)));
        firstRun = new Delivery("kafka", Staging.school(), "run-1", Instant.parse("2026-01-06T07:00:00Z"),
                first.stagedWithRosters(), empty, first.changes());
        records = first.changes().changes().size()
                + first.changes().changes().stream().filter(c -> c.op() == ChangeOp.DELETED).count();
        kafka = EmbeddedKafka.start();
        state = Files.createTempDirectory("rosterbridge-bench-state-");
        Map<String, String> settings = new HashMap<>(Map.of("kafka.bootstrap-servers", kafka.bootstrapServers(),
                "kafka.topic-prefix", "bench", "csv.enabled", "false", "gateway.state-dir", state.toString(),
                "xporter.base-url", "http://127.0.0.1:1/api"));
        for (String setting : client.split(";")) {
            if (!setting.isBlank()) {
                settings.put(setting.substring(0, setting.indexOf('=')).strip(),
                        setting.substring(setting.indexOf('=') + 1).strip());
            }
        }
        gateway = Gateway.start(settings);
        template = gateway.context().createProducerTemplate();
        // creates the topics, so every measured delivery publishes into existing ones
        template.requestBody("direct:sink-kafka", firstRun);
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        wall = System.nanoTime();
        threadCpu = THREADS.getCurrentThreadCpuTime();
        processCpu = PROCESS.getProcessCpuTime();
        senderCpu = senderCpu();
    }

    /** The CPU time of the producers' sender threads, which frame and send the records for the gateway. */
    private static long senderCpu() {
        long sum = 0;
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("kafka-producer-network-thread")) {
                sum += Math.max(0, THREADS.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    @Benchmark
    public Object publishFirstRun() {
        return template.requestBody("direct:sink-kafka", firstRun);
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        // JMH runs the single-shot invocation, and so this tear-down, on the one benchmark thread
        double seconds = (System.nanoTime() - wall) / 1e9;
        double routeMicros = (THREADS.getCurrentThreadCpuTime() - threadCpu) / 1e3 / records;
        double processMicros = (PROCESS.getProcessCpuTime() - processCpu) / 1e3 / records;
        double senderMicros = (senderCpu() - senderCpu) / 1e3 / records;
        System.out.printf("%n  KAFKA records=%d eventsPerSecond=%.0f routeThreadMicrosPerRecord=%.2f "
                + "senderMicrosPerRecord=%.2f processMicrosPerRecord=%.2f%n", records, records / seconds, routeMicros,
                senderMicros, processMicros);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        gateway.close();
        kafka.close();
        try (var files = Files.walk(state)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
