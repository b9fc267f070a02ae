package org.rosterbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.Gateway;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.change.SchoolData;
import org.rosterbridge.embedded.EmbeddedKafka;
import org.rosterbridge.embedded.KafkaBroker;
import org.rosterbridge.model.Entity;
import org.rosterbridge.sync.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How fast the Kafka route publishes a generated secondary school's first run, and what its state weighs. */
@ExtendWith(KafkaBroker.class)
class KafkaThroughputIT {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaThroughputIT.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @TempDir
    Path state;

    @Test
    void aSecondarySchoolsFirstRunIsPublishedInFullAndMeasured(EmbeddedKafka kafka) throws Exception {
        Delivery delivery = Deliveries.first(SchoolData.snapshot(SchoolData.secondarySchool(7)), "run-1");
        int changes = delivery.changes().changes().size();
        try (Gateway gateway = Gateway.start(Map.of("kafka.bootstrap-servers", kafka.bootstrapServers(),
                "kafka.topic-prefix", "bench", "csv.enabled", "false", "gateway.state-dir", state.toString(),
                "xporter.base-url", "http://127.0.0.1:1/api"))) {
            ProducerTemplate template = gateway.context().createProducerTemplate();
            // the first delivery also creates the topics; the measured one publishes into existing topics
            template.requestBody("direct:sink-kafka", Deliveries.first(SchoolData.snapshot(SchoolData.org()), "warm"));

            long start = System.nanoTime();
            template.requestBody("direct:sink-kafka", delivery);
            double seconds = (System.nanoTime() - start) / 1e9;
            // the same run delivered again (as after a failed commit), with the code paths compiled by now; its CPU
            // is the route's thread (events, Camel messages, camel-kafka's records) and the whole process (with the
            // producer's sender and the in-JVM broker)
            long routeCpu = THREADS.getCurrentThreadCpuTime();
            long processCpu = PROCESS.getProcessCpuTime();
            start = System.nanoTime();
            template.requestBody("direct:sink-kafka", delivery);
            double again = (System.nanoTime() - start) / 1e9;
            routeCpu = THREADS.getCurrentThreadCpuTime() - routeCpu;
            processCpu = PROCESS.getProcessCpuTime() - processCpu;
            // a delivery of n changes is n events and one tombstone per delete
            long records = delivery.changes().changes().stream().filter(c -> c.op() == ChangeOp.DELETED).count()
                    + changes;

            gateway.store().commit(SchoolData.ESTAB, "kafka", "run-1", delivery.staged());
            long stateBytes = size(state);
            LOG.info("first run of a secondary school: {} events in {} s = {} events/s (again: {} events/s); "
                    + "state on disk {} KiB", changes, String.format("%.2f", seconds), Math.round(changes / seconds),
                    Math.round(changes / again), stateBytes / 1024);
            System.out.printf("THROUGHPUT events=%d seconds=%.3f eventsPerSecond=%d againEventsPerSecond=%d "
                    + "stateBytes=%d%n", changes, seconds, Math.round(changes / seconds), Math.round(changes / again),
                    stateBytes);
            System.out.printf("CPU records=%d routeThreadMicrosPerRecord=%.2f processMicrosPerRecord=%.2f%n", records,
                    routeCpu / 1e3 / records, processCpu / 1e3 / records);

            assertThat(changes).isGreaterThan(25_000);
            assertThat(recordsOn(kafka, "bench", Entity.values())).isEqualTo(2L * changes + 1);
        }
    }

    private static long recordsOn(EmbeddedKafka kafka, String prefix, Entity[] entities) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (Entity e : entities) {
                String topic = prefix + "." + e.collection();
                admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(r -> r.offset()).sum();
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
