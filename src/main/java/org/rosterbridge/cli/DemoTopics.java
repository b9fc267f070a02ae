package org.rosterbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.rosterbridge.model.Entity;

/**
 * What the demo's gateway published, read back from the broker with a plain consumer the way a subscriber would:
 * events per topic, day and op, and one event in full.
 */
final class DemoTopics {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final String prefix;
    private final List<Map<TopicPartition, Long>> dayEnds = new ArrayList<>();

    DemoTopics(String bootstrap, String prefix) {
        this.bootstrap = bootstrap;
        this.prefix = prefix;
    }

    String topic(Entity entity) {
        return prefix + "." + entity.collection();
    }

    List<String> entityTopics() {
        List<String> topics = new ArrayList<>();
        for (Entity e : Entity.values()) {
            topics.add(topic(e));
        }
        return topics;
    }

    String runsTopic() {
        return prefix + ".runs";
    }

    /** Remembers where each topic ends now: what follows belongs to the next day. */
    void endOfDay() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, allTopics());
            // a consumer warns on close about end offsets of partitions it was never assigned
            consumer.assign(partitions);
            dayEnds.add(consumer.endOffsets(partitions, TIMEOUT));
        }
    }

    /** Every record on the demo's topics, from the first. */
    List<ConsumerRecord<String, byte[]>> readAll() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, allTopics());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the demo's topics were not read to their end within " + TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The day (1, 2, ...) whose sync published a record, by the topic ends remembered after each day. */
    int day(ConsumerRecord<?, ?> r) {
        TopicPartition p = new TopicPartition(r.topic(), r.partition());
        for (int i = 0; i < dayEnds.size(); i++) {
            if (r.offset() < dayEnds.get(i).getOrDefault(p, 0L)) {
                return i + 1;
            }
        }
        return dayEnds.size() + 1;
    }

    /** The table of events per entity topic, day and op; tombstones are counted on their own. */
    void printCounts(List<ConsumerRecord<String, byte[]>> records, PrintStream out) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        int runs = 0;
        int days = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            if (r.topic().equals(runsTopic())) {
                runs++;
                continue;
            }
            int day = day(r);
            days = Math.max(days, day);
            String op = r.value() == null ? "tombstone" : json(r).path("op").asText("?");
            counts.computeIfAbsent(r.topic() + "/" + day, k -> new HashMap<>()).merge(op, 1, Integer::sum);
        }
        Table t = new Table("topic", "day", "created", "updated", "deleted", "tombstones");
        for (String topic : entityTopics()) {
            for (int day = 1; day <= days; day++) {
                Map<String, Integer> ops = counts.getOrDefault(topic + "/" + day, Map.of());
                t.row(topic, day, ops.getOrDefault("created", 0), ops.getOrDefault("updated", 0),
                        ops.getOrDefault("deleted", 0), ops.getOrDefault("tombstone", 0));
            }
        }
        t.print(out);
        out.println("   " + runsTopic() + ": " + runs + " run events (started and finished, per sync)");
    }

    /** One record in full: topic, partition, offset, key, headers and the value as indented JSON. */
    static void print(ConsumerRecord<String, byte[]> r, PrintStream out) {
        out.println("   topic " + r.topic() + ", partition " + r.partition() + ", offset " + r.offset());
        out.println("   key: " + r.key());
        out.println("   headers:");
        for (Header h : r.headers()) {
            out.println("     " + h.key() + ": " + (h.value() == null ? "" : new String(h.value(),
                    StandardCharsets.UTF_8)));
        }
        out.println("   value:");
        try {
            String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(r));
            pretty.lines().forEach(l -> out.println("     " + l));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(ConsumerRecord<String, byte[]> r) {
        try {
            return JSON.readTree(r.value());
        } catch (IOException e) {
            throw new UncheckedIOException("an event on " + r.topic() + " is not JSON", e);
        }
    }

    private List<String> allTopics() {
        List<String> topics = entityTopics();
        topics.add(runsTopic());
        return topics;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "rosterbridge-demo-reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, TIMEOUT).forEach(p -> partitions.add(new TopicPartition(topic,
                    p.partition())));
        }
        return partitions;
    }
}
