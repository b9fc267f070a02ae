package org.rosterbridge.sink.route;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * A split's aggregation ({@code routeSinkMatched}) that keeps, as a list of texts, the bodies of the parts a
 * {@code filter} inside the split let through (the filter says so with {@code statusPropertyName: rosterbridgeKept};
 * a part no such filter saw is kept), so a route can filter and transform event by event and still send what is left
 * at once.
 */
final class MatchedBodies implements AggregationStrategy {
    /** The exchange property a split's {@code filter} names as its {@code statusPropertyName}. */
    static final String KEPT = "rosterbridgeKept";

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Exchange into = oldExchange != null ? oldExchange : newExchange;
        @SuppressWarnings("unchecked")
        List<Object> kept = oldExchange != null ? oldExchange.getIn().getBody(List.class) : new ArrayList<>();
        if (!Boolean.FALSE.equals(newExchange.getProperty(KEPT, Boolean.class))) {
            kept.add(newExchange.getIn().getBody(String.class));
        }
        into.getIn().setBody(kept);
        return into;
    }
}
