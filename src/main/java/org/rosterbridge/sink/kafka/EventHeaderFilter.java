package org.rosterbridge.sink.kafka;

import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaHeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Which Camel headers of an event message become Kafka record headers: exactly the CloudEvents attributes, by name.
 * Camel's Kafka filter tests every header of every record against its prefixes and sets; an event message carries
 * only these names and the {@code kafka.} ones camel-kafka reads, so looking the name up among them gives the same
 * headers.
 */
final class EventHeaderFilter implements HeaderFilterStrategy {
    private static final Set<String> PROPAGATED = Set.of(CloudEventHeaders.SPECVERSION, CloudEventHeaders.ID,
            CloudEventHeaders.SOURCE, CloudEventHeaders.TYPE, CloudEventHeaders.SUBJECT, CloudEventHeaders.TIME,
            CloudEventHeaders.CONTENT_TYPE);

    private final HeaderFilterStrategy fromKafka = new KafkaHeaderFilterStrategy();

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        if (value == null) {
            return true;
        }
        // an event message's names are these very constants: a reference comparison finds them without hashing
        for (String n : EventHeaders.NAMES) {
            if (n == name) {
                return false;
            }
        }
        return !PROPAGATED.contains(name);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return fromKafka.applyFilterToExternalHeaders(name, value, exchange);
    }
}
