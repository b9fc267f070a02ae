package org.rosterbridge.sink.route;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.rosterbridge.change.Change;
import org.rosterbridge.config.Settings;
import org.rosterbridge.model.Secret;
import org.rosterbridge.sink.kafka.ChangeEvents;
import org.rosterbridge.sink.kafka.EventRecord;
import org.rosterbridge.sink.kafka.KafkaSinkSettings;
import org.rosterbridge.sync.Delivery;

/**
 * What a sink route declared in YAML calls (bean {@code routeSink}): a delivery's changes as the change-event JSON the
 * Kafka sink publishes, one message per event with headers a {@code filter} can test, and the joins a route needs
 * to send a run's events as one JSON array or one JSON-lines file.
 */
public final class RouteSinkSupport {
    /** The route templates, loaded always: a template makes no route until a route file instantiates it. */
    public static final String ROUTES = "classpath:routes/templates.camel.yaml";
    public static final String ESTAB = "rosterbridgeEstab";
    public static final String RUN_ID = "rosterbridgeRunId";
    public static final String SINK = "rosterbridgeSink";
    public static final String ENTITY = "rosterbridgeEntity";
    public static final String OP = "rosterbridgeOp";
    public static final String REASON = "rosterbridgeReason";
    public static final String SOURCED_ID = "rosterbridgeSourcedId";
    private static final String AUTHORIZATION = "Authorization";

    private final ChangeEvents events;

    RouteSinkSupport(ChangeEvents events) {
        this.events = events;
    }

    /** Binds {@code routeSink} and {@code routeSinkMatched}; returns the templates' location for the route list. */
    public static String register(CamelContext context, Settings settings) {
        ChangeEvents events = new ChangeEvents(KafkaSinkSettings.from(settings));
        context.getRegistry().bind("routeSink", new RouteSinkSupport(events));
        context.getRegistry().bind("routeSinkMatched", new MatchedBodies());
        return ROUTES;
    }

    /**
     * Body: a Delivery. Sets the delivery's headers ({@code rosterbridgeEstab}, {@code rosterbridgeRunId},
     * {@code rosterbridgeSink}) and returns one message per change, in the change set's order: the body is the
     * change event's JSON text, the headers are the delivery's plus {@code rosterbridgeEntity}
     * ({@code users}), {@code rosterbridgeOp} ({@code created}, {@code updated}, {@code deleted}),
     * {@code rosterbridgeReason} and {@code rosterbridgeSourcedId}.
     */
    public List<Message> changes(Exchange exchange) throws InvalidPayloadException {
        Delivery delivery = exchange.getIn().getMandatoryBody(Delivery.class);
        Message in = exchange.getIn();
        in.setHeader(ESTAB, delivery.school().estab());
        in.setHeader(RUN_ID, delivery.runId());
        in.setHeader(SINK, delivery.sinkId());
        List<Change> changes = delivery.changes().changes();
        List<Message> out = new ArrayList<>(changes.size());
        for (Change c : changes) {
            EventRecord event = events.event(delivery, c);
            DefaultMessage m = new DefaultMessage(exchange);
            m.setHeaders(new HashMap<>(in.getHeaders()));
            m.setHeader(ENTITY, c.entity().collection());
            m.setHeader(OP, c.op().wire());
            m.setHeader(REASON, c.reason().wire());
            m.setHeader(SOURCED_ID, c.sourcedId());
            m.setBody(new String(event.value(), StandardCharsets.UTF_8));
            out.add(m);
        }
        return out;
    }

    /**
     * Sets {@code Authorization: Bearer <token>} from the property named {@code tokenProperty} (for instance
     * {@code lms.token}, or its environment variable {@code LMS_TOKEN}), read when the request is made, so the token
     * is never part of a route, a template parameter or a log line; no header when the name is empty.
     */
    public void bearer(Exchange exchange, String tokenProperty) {
        if (tokenProperty == null || tokenProperty.isBlank()) {
            exchange.getIn().removeHeader(AUTHORIZATION);
            return;
        }
        Secret token = exchange.getContext().getPropertiesComponent().resolveProperty(tokenProperty.strip())
                .filter(t -> !t.isBlank()).map(t -> Secret.of(t.strip()))
                .orElseThrow(() -> new IllegalStateException("the bearer token property " + tokenProperty
                        + " is not set"));
        exchange.getIn().setHeader(AUTHORIZATION, "Bearer " + token.reveal());
    }

    /** The events a split kept ({@link MatchedBodies}) as JSON lines, each ending in a newline; null when none. */
    public String jsonLines(List<?> events) {
        if (events.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        events.forEach(e -> b.append(e).append('\n'));
        return b.toString();
    }

    /** The events a split kept as one JSON array; null when none. */
    public String jsonArray(List<?> events) {
        if (events.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder("[");
        for (Object e : events) {
            b.append(b.length() == 1 ? "" : ",").append(e);
        }
        return b.append(']').toString();
    }
}
