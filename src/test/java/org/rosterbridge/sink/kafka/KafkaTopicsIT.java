package org.rosterbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.junit.jupiter.api.Test;
import org.rosterbridge.config.Settings;

class KafkaTopicsIT {

    @Test
    void afterKafkaFailedToAnswerARunEventFailsAtOnceWhileADeliveryAsksAgain() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        KafkaSinkSettings settings = KafkaSinkSettings.from(Settings.of(Map.of("kafka.bootstrap-servers",
                "127.0.0.1:" + port, "kafka.max-block", "1500ms", "kafka.request-timeout", "1s",
                "kafka.delivery-timeout", "3s")));
        KafkaConfiguration client = new KafkaConfiguration();
        client.setBrokers(settings.bootstrapServers());
        KafkaTopics topics = new KafkaTopics(settings, client);
        try {
            long start = System.nanoTime();
            assertThatThrownBy(topics::ensure).isInstanceOf(KafkaUnavailableException.class)
                    .hasMessageContaining("did not answer within 1500 ms");
            Duration asked = Duration.ofNanos(System.nanoTime() - start);
            assertThat(asked).isGreaterThanOrEqualTo(Duration.ofMillis(1000)).isLessThan(Duration.ofSeconds(6));

            start = System.nanoTime();
            assertThatThrownBy(topics::ensureUnlessJustDown).isInstanceOf(KafkaUnavailableException.class)
                    .hasMessageContaining("not asked again");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));

            start = System.nanoTime();
            assertThatThrownBy(topics::ensure).isInstanceOf(KafkaUnavailableException.class)
                    .hasMessageContaining("did not answer");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        } finally {
            topics.stop();
        }
    }
}
