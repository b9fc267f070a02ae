package org.rosterbridge.sink.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;

/**
 * A Camel message for one Kafka record whose header names keep their exact case. Kafka header names are
 * case-sensitive and the CloudEvents Kafka binding names {@code content-type} in lower case, while Camel's own header
 * map writes that name as {@code Content-Type}. Its headers are the record's topic, key and event headers, put in
 * one map of the right size once.
 */
final class EventMessage extends DefaultMessage {
    private final EventRecord record;

    EventMessage(CamelContext context, EventRecord record) {
        super(context);
        this.record = record;
        setBody(record.value());
        // Camel asks whether a message has headers before it creates them: create them now
        getHeaders();
    }

    @Override
    protected Map<String, Object> createHeaders() {
        // sized so that the record's headers and the two camel-kafka reads never make it grow
        Map<String, Object> headers = new LinkedHashMap<>(2 * (record.headers().size() + 2));
        headers.put(KafkaConstants.OVERRIDE_TOPIC, record.topic());
        headers.put(KafkaConstants.KEY, record.key());
        headers.putAll(record.headers());
        return headers;
    }
}
