package org.rosterbridge.sink.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.support.DefaultMessage;

/**
 * A Camel message for one Kafka record whose header names keep their exact case. Kafka header names are
 * case-sensitive and the CloudEvents Kafka binding names {@code content-type} in lower case, while Camel's own header
 * map writes that name as {@code Content-Type}.
 */
final class EventMessage extends DefaultMessage {
    EventMessage(CamelContext context) {
        super(context);
    }

    @Override
    protected Map<String, Object> createHeaders() {
        return new LinkedHashMap<>(12);
    }
}
