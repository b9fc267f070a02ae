package org.rosterbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rosterbridge.config.ConfigurationException;
import org.rosterbridge.config.Settings;

class KafkaSinkSettingsTest {

    @Test
    void withoutBootstrapServersTheSinkIsOffAndEveryOtherSettingHasItsDefault() {
        KafkaSinkSettings s = KafkaSinkSettings.from(Settings.of(Map.of()));

        assertThat(s.enabled()).isFalse();
        assertThat(s.topic("users")).isEqualTo("oneroster.users");
        assertThat(s.partitions()).isEqualTo(3);
        assertThat(s.replicationFactor()).isEqualTo((short) 1);
        assertThat(s.deliveryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.maxBlock()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.batchEvents()).isEqualTo(5000);
    }

    @Test
    void settingsAreReadFromTheirKeys() {
        KafkaSinkSettings s = KafkaSinkSettings.from(Settings.of(Map.of("kafka.bootstrap-servers", "k1:9092,k2:9092",
                "kafka.topic-prefix", "lms.feed", "kafka.partitions", "12", "kafka.replication-factor", "3",
                "kafka.delivery-timeout", "2m", "kafka.request-timeout", "20s", "kafka.max-block", "10s",
                "kafka.batch-events", "100")));

        assertThat(s.enabled()).isTrue();
        assertThat(s.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(s.topic("runs")).isEqualTo("lms.feed.runs");
        assertThat(s.partitions()).isEqualTo(12);
        assertThat(s.replicationFactor()).isEqualTo((short) 3);
        assertThat(s.deliveryTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.maxBlock()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.batchEvents()).isEqualTo(100);
    }

    @Test
    void aRequestTimeoutTheDeliveryTimeoutCannotHoldFailsNamingItsKey() {
        assertThatThrownBy(() -> KafkaSinkSettings.from(Settings.of(Map.of("kafka.delivery-timeout", "5s",
                "kafka.request-timeout", "5s"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kafka.request-timeout (KAFKA_REQUEST_TIMEOUT)");
    }

    @Test
    void aTopicPrefixKafkaCannotNameFailsNamingItsKey() {
        assertThatThrownBy(() -> KafkaSinkSettings.from(Settings.of(Map.of("kafka.topic-prefix", "one roster"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kafka.topic-prefix (KAFKA_TOPIC_PREFIX)");
    }
}
