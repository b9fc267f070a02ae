package org.rosterbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.Gateway;
import org.rosterbridge.testing.LogCapture;

class KafkaComponentsTest {
    @TempDir
    Path state;

    private Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        // nothing listens here: building the routes and clients must not need a broker
        s.put("kafka.bootstrap-servers", "127.0.0.1:1");
        s.put("kafka.delivery-timeout", "20s");
        s.put("csv.enabled", "false");
        s.put("gateway.state-dir", state.toString());
        s.put("xporter.base-url", "http://127.0.0.1:1/api");
        return s;
    }

    @Test
    void theSinkSendsIdempotentlyWithAcksFromAllReplicasAndTheTimeoutsOfItsSettings() {
        try (Gateway g = Gateway.start(settings())) {
            KafkaConfiguration c = endpoint(g, "sink-kafka").getConfiguration();

            assertThat(c.isEnableIdempotence()).isTrue();
            assertThat(c.getRequestRequiredAcks()).isEqualTo("all");
            assertThat(c.getDeliveryTimeoutMs()).isEqualTo(20_000);
            assertThat(c.getRequestTimeoutMs()).isEqualTo(15_000);
            assertThat(c.getMaxBlockMs()).isEqualTo(30_000);
            assertThat(c.getBrokers()).isEqualTo("127.0.0.1:1");
            assertThat(c.isSynchronous()).isTrue();
            assertThat(c.isBatchWithIndividualHeaders()).isTrue();
        }
    }

    @Test
    void camelComponentKafkaPropertiesReachTheProducerAndTheTopicAdmin() throws Exception {
        // the producer is built when the routes start, and it opens its truststore then
        Path truststore = state.resolve("truststore.p12");
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (var out = java.nio.file.Files.newOutputStream(truststore)) {
            store.store(out, "changeit".toCharArray());
        }
        Map<String, String> s = settings();
        s.put("camel.component.kafka.security-protocol", "SASL_SSL");
        s.put("camel.component.kafka.sasl-mechanism", "SCRAM-SHA-512");
        s.put("camel.component.kafka.sasl-jaas-config", "org.apache.kafka.common.security.scram.ScramLoginModule "
                + "required username=\"rosterbridge\" password=\"not-a-real-secret\";");
        s.put("camel.component.kafka.ssl-truststore-location", truststore.toString());
        s.put("camel.component.kafka.ssl-truststore-type", "PKCS12");
        s.put("camel.component.kafka.ssl-truststore-password", "changeit");
        s.put("camel.component.kafka.delivery-timeout-ms", "90000");
        s.put("camel.component.kafka.brokers", "127.0.0.1:9093");
        try (LogCapture log = new LogCapture(); Gateway g = Gateway.start(s)) {
            for (String route : new String[] {"sink-kafka", "run-event"}) {
                KafkaConfiguration c = endpoint(g, route).getConfiguration();
                assertThat(c.getSecurityProtocol()).as(route).isEqualTo("SASL_SSL");
                assertThat(c.getSaslMechanism()).as(route).isEqualTo("SCRAM-SHA-512");
                assertThat(c.getSaslJaasConfig()).as(route).contains("username=\"rosterbridge\"");
                assertThat(c.getSslTruststoreLocation()).as(route).isEqualTo(truststore.toString());
                assertThat(c.getDeliveryTimeoutMs()).as(route).isEqualTo(90_000);
                assertThat(c.getBrokers()).as(route).isEqualTo("127.0.0.1:9093");
            }
            KafkaConfiguration component = g.context().getComponent("kafka",
                    org.apache.camel.component.kafka.KafkaComponent.class).getConfiguration();
            Properties admin = new KafkaTopics(KafkaSinkSettings.from(g.settings()), component).adminProperties();
            assertThat(admin).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.location", truststore.toString())
                    .containsEntry("bootstrap.servers", "127.0.0.1:9093")
                    .doesNotContainKey("key.serializer");
            assertThat(admin.get("sasl.jaas.config").toString()).contains("ScramLoginModule");
            assertThat(log.text()).doesNotContain("not-a-real-secret").doesNotContain("changeit");
        }
    }

    @Test
    void withoutBootstrapServersNoKafkaRouteIsLoaded() {
        Map<String, String> s = settings();
        s.remove("kafka.bootstrap-servers");
        try (Gateway g = Gateway.start(s)) {
            assertThat(g.context().getRoute("sink-kafka")).isNull();
            assertThat(g.context().getRoute("run-event")).isNull();
            assertThat(g.context().getRegistry().lookupByName("kafkaSink")).isNull();
        }
    }

    /** The Kafka endpoint a route sends to: the change events' one or the runs topic's one. */
    private static KafkaEndpoint endpoint(Gateway g, String routeId) {
        String topic = routeId.equals("sink-kafka") ? "oneroster.changes" : "oneroster.runs";
        assertThat(g.context().getRoute(routeId)).isNotNull();
        return g.context().getEndpoints().stream().filter(KafkaEndpoint.class::isInstance)
                .map(KafkaEndpoint.class::cast).filter(e -> e.getEndpointUri().startsWith("kafka://" + topic)
                        || e.getEndpointUri().startsWith("kafka:" + topic)).findFirst().orElseThrow();
    }
}
