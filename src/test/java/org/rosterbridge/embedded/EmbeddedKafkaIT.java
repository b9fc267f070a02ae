package org.rosterbridge.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.rosterbridge.sink.kafka.TopicReader;

class EmbeddedKafkaIT {

    @Test
    void aStoppedBrokerStartsAgainWithItsRecordsAndADeletedFolderAfterClose() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        java.nio.file.Path dir;
        try {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("greetings", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("greetings", "k", "hello")).get();
            }

            kafka.stop();
            assertThat(kafka.running()).isFalse();
            kafka.restart();

            assertThat(TopicReader.readAll(kafka.bootstrapServers(), "greetings", Duration.ofSeconds(30)))
                    .extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("hello");
            dir = kafka.dataDir();
        } finally {
            kafka.close();
        }
        assertThat(dir).doesNotExist();
    }
}
