package org.rosterbridge.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.rosterbridge.model.Entity;

/** What one simulated school was asked: token requests, and every data request with its query and answer. */
public final class RequestLog {

    /** One data request: the entity, its raw query string (empty when none), the status answered, and when. */
    public record Request(Entity entity, String query, int status, Instant at) {

        /** The value of a query parameter, or null when the request had none. */
        public String param(String name) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
            return null;
        }
    }

    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();

    void token() {
        tokenRequests.incrementAndGet();
    }

    void data(Entity entity, String query, int status) {
        requests.add(new Request(entity, query == null ? "" : query, status, Instant.now()));
    }

    /** Requests to the token endpoint naming this school, refused ones included. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Every data request, in arrival order. */
    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public List<Request> requests(Entity entity) {
        return requests.stream().filter(r -> r.entity() == entity).toList();
    }

    public int requestCount() {
        return requests.size();
    }

    /** Data requests per entity. */
    public Map<Entity, Integer> counts() {
        Map<Entity, Integer> out = new EnumMap<>(Entity.class);
        requests.forEach(r -> out.merge(r.entity(), 1, Integer::sum));
        return out;
    }

    /** Forgets everything counted so far. */
    public void reset() {
        tokenRequests.set(0);
        requests.clear();
    }
}
