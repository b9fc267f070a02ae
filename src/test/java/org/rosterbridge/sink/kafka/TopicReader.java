package org.rosterbridge.sink.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic as a consumer would, from its first record to its end when asked. */
public final class TopicReader {
    private TopicReader() {
    }

    /** Every record on the topic now, partition by partition in offset order. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, Duration timeout) {
        return readAll(bootstrap, List.of(topic), timeout).get(topic);
    }

    /** Every record on each topic now, read with one consumer; topic by topic, partition by partition. */
    public static Map<String, List<ConsumerRecord<String, byte[]>>> readAll(String bootstrap, List<String> topics,
                                                                           Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "enable.auto.commit", "false", "max.poll.records", "5000"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, timeout).forEach(p -> partitions.add(new TopicPartition(topic,
                        p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition = new LinkedHashMap<>();
            partitions.forEach(p -> byPartition.put(p, new ArrayList<>()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("topics " + topics + " not read to their end within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> byPartition.get(new TopicPartition(r.topic(),
                        r.partition())).add(r));
            }
            Map<String, List<ConsumerRecord<String, byte[]>>> out = new LinkedHashMap<>();
            topics.forEach(t -> out.put(t, new ArrayList<>()));
            byPartition.forEach((p, records) -> out.get(p.topic()).addAll(records));
            return out;
        }
    }

    /** A record's headers as text, last value of each name. */
    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            out.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
