package org.rosterbridge.sink.kafka;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.rosterbridge.config.Settings;

/**
 * Registers what the Kafka routes refer to when {@code kafka.bootstrap-servers} is set: the Kafka component with the
 * gateway's delivery guarantees as its defaults, the topic admin and the sink bean. The defaults are set on the
 * component before Camel applies {@code camel.component.kafka.*}, so those properties (and their environment
 * variables) override any of them and add every other client setting (SASL_SSL, mutual TLS).
 */
public final class KafkaComponents {
    /** The routes of the Kafka sink, for the gateway's route list. */
    public static final String ROUTES = "classpath:routes/kafka.camel.yaml";

    private KafkaComponents() {
    }

    /** Returns the settings read; registers nothing when the sink is off. */
    public static KafkaSinkSettings register(CamelContext context, Settings settings) {
        KafkaSinkSettings s = KafkaSinkSettings.from(settings);
        if (!s.enabled()) {
            return s;
        }
        KafkaComponent kafka = new KafkaComponent(context);
        KafkaConfiguration c = kafka.getConfiguration();
        c.setBrokers(s.bootstrapServers());
        c.setClientId("rosterbridge");
        // a delivery counts only once every replica in sync has it, and a retried send never duplicates a record
        c.setRequestRequiredAcks("all");
        c.setEnableIdempotence(true);
        c.setMaxInFlightRequest(5);
        c.setDeliveryTimeoutMs((int) s.deliveryTimeout().toMillis());
        c.setRequestTimeoutMs((int) s.requestTimeout().toMillis());
        c.setMaxBlockMs((int) s.maxBlock().toMillis());
        c.setLingerMs(KafkaSinkSettings.LINGER_MS);
        c.setProducerBatchSize(256 * 1024);
        context.addComponent("kafka", kafka);

        KafkaTopics topics = new KafkaTopics(s, c);
        try {
            context.addService(topics, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the Kafka topic admin", e);
        }
        context.getRegistry().bind("kafkaSink", new KafkaSink(s, topics));
        context.getRegistry().bind("eventHeaderFilter", new EventHeaderFilter());
        return s;
    }
}
