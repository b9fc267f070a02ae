package org.rosterbridge.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rosterbridge.model.Entity;

/**
 * The fault switches of one simulated school, for tests: failures for the next requests or for good, a token
 * lifetime, latency, a malformed page, and data that moves during a pull. Safe to change while requests are being
 * served; every switch applies from the next request on.
 */
public final class SchoolFaults {

    /** An error answer: the status, a Retry-After in seconds (0 for none) and the statusInfoSet description. */
    public record Failure(int status, int retryAfterSeconds, String description) {
        public Failure {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a failure is a 4xx or 5xx status, not " + status);
            }
            description = description == null ? defaultDescription(status) : description;
        }

        public static Failure of(int status) {
            return new Failure(status, 0, null);
        }

        /** A 429 (or 503) that asks the client to wait. */
        public static Failure retryAfter(int status, int seconds) {
            return new Failure(status, seconds, null);
        }

        private static String defaultDescription(int status) {
            return switch (status) {
                case 400 -> "The request contains invalid query options or formatting";
                case 401 -> "The request does not contain a valid access token";
                case 403 -> "The token is not authorised for the requested data";
                case 404 -> "The requested resource does not exist";
                case 429 -> "Too many requests: slow down";
                default -> "An unexpected error occurred on the server (simulated)";
            };
        }
    }

    /** How a page is broken: cut off half-way, or not JSON at all (say, a proxy's HTML error page with 200). */
    public enum Malformation { TRUNCATED, NOT_JSON }

    /** How the data moves during a pull: a record inserted at, or deleted from, the start of the collection. */
    public enum Drift { INSERT, DELETE }

    private record DriftPlan(int afterPages, Drift drift) {
    }

    private record FailurePlan(int afterPages, Failure failure) {
    }

    private final Map<Entity, Deque<Failure>> next = new EnumMap<>(Entity.class);
    private final Deque<Failure> nextToken = new ArrayDeque<>();
    private final Map<Entity, Failure> always = new EnumMap<>(Entity.class);
    private final Map<Entity, Map<Integer, Malformation>> malformed = new EnumMap<>(Entity.class);
    private final Map<Entity, DriftPlan> drifts = new EnumMap<>(Entity.class);
    private final Map<Entity, Integer> pagesServed = new HashMap<>();
    private final Map<Entity, FailurePlan> failures = new EnumMap<>(Entity.class);
    private final Map<Entity, Integer> pagesBeforeFailure = new HashMap<>();
    private final Set<Entity> emptied = EnumSet.noneOf(Entity.class);
    private Duration latency = Duration.ZERO;
    private Duration tokenLifetime;
    private Boolean totalCountHeader;

    /** The {@code expires_in} of the tokens issued from now on. */
    public synchronized SchoolFaults tokenLifetime(Duration lifetime) {
        this.tokenLifetime = Objects.requireNonNull(lifetime);
        return this;
    }

    /** The next {@code times} requests to the entity are answered with this status. */
    public SchoolFaults failNext(Entity entity, int times, int status) {
        return failNext(entity, times, Failure.of(status));
    }

    public synchronized SchoolFaults failNext(Entity entity, int times, Failure failure) {
        Deque<Failure> q = next.computeIfAbsent(entity, e -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            q.add(failure);
        }
        return this;
    }

    /** The next {@code times} token requests are answered with this status (whatever the credentials). */
    public synchronized SchoolFaults failTokenRequests(int times, int status) {
        for (int i = 0; i < times; i++) {
            nextToken.add(Failure.of(status));
        }
        return this;
    }

    /** Every request to the entity is answered with this status until {@link #clear()}. */
    public SchoolFaults failAlways(Entity entity, int status) {
        return failAlways(entity, Failure.of(status));
    }

    public synchronized SchoolFaults failAlways(Entity entity, Failure failure) {
        always.put(entity, failure);
        return this;
    }

    /** Extra latency of every request to this school, on top of the simulator's own. */
    public synchronized SchoolFaults latency(Duration latency) {
        this.latency = Objects.requireNonNull(latency);
        return this;
    }

    /** The next page of the entity at exactly this offset comes back broken, once. */
    public synchronized SchoolFaults malformedPage(Entity entity, int offset, Malformation how) {
        malformed.computeIfAbsent(entity, e -> new HashMap<>()).put(offset, how);
        return this;
    }

    /**
     * After the entity's {@code afterPages}-th page is served (counted from now), a record is inserted at or deleted
     * from the start of the collection, once: offset paging then sees a record twice (insert) or misses one
     * (delete).
     */
    public synchronized SchoolFaults driftAfterPage(Entity entity, int afterPages, Drift drift) {
        drifts.put(entity, new DriftPlan(afterPages, drift));
        pagesServed.put(entity, 0);
        return this;
    }

    /**
     * Once {@code afterPages} pages of the entity were served (counted from now), every further request to it is
     * answered with this status until {@link #clear()}: a second extraction of the entity fails while the first
     * succeeded.
     */
    public synchronized SchoolFaults failAfterPages(Entity entity, int afterPages, int status) {
        failures.put(entity, new FailurePlan(afterPages, Failure.of(status)));
        pagesBeforeFailure.put(entity, 0);
        return this;
    }

    /** The entity is served as an empty collection until {@link #clear()}. */
    public synchronized SchoolFaults emptyCollection(Entity entity) {
        emptied.add(entity);
        return this;
    }

    /** Whether pages carry {@code X-Total-Count}; overrides the simulator's setting for this school. */
    public synchronized SchoolFaults totalCountHeader(boolean on) {
        this.totalCountHeader = on;
        return this;
    }

    /** Back to a well-behaved school. */
    public synchronized SchoolFaults clear() {
        next.clear();
        nextToken.clear();
        always.clear();
        malformed.clear();
        drifts.clear();
        pagesServed.clear();
        failures.clear();
        pagesBeforeFailure.clear();
        emptied.clear();
        latency = Duration.ZERO;
        tokenLifetime = null;
        totalCountHeader = null;
        return this;
    }

    synchronized Failure takeTokenFailure() {
        return nextToken.poll();
    }

    synchronized Failure takeFailure(Entity entity) {
        Deque<Failure> q = next.get(entity);
        Failure f = q == null ? null : q.poll();
        return f != null ? f : always.get(entity);
    }

    synchronized Malformation takeMalformation(Entity entity, int offset) {
        Map<Integer, Malformation> m = malformed.get(entity);
        return m == null ? null : m.remove(offset);
    }

    /**
     * Counts a page served, arming a planned failure once its page count is reached; returns the drift to apply
     * now, if this was the page it waited for.
     */
    synchronized Drift pageServed(Entity entity) {
        FailurePlan failing = failures.get(entity);
        if (failing != null && pagesBeforeFailure.merge(entity, 1, Integer::sum) == failing.afterPages()) {
            failures.remove(entity);
            always.put(entity, failing.failure());
        }
        DriftPlan plan = drifts.get(entity);
        if (plan == null) {
            return null;
        }
        int served = pagesServed.merge(entity, 1, Integer::sum);
        if (served == plan.afterPages()) {
            drifts.remove(entity);
            return plan.drift();
        }
        return null;
    }

    synchronized boolean emptied(Entity entity) {
        return emptied.contains(entity);
    }

    synchronized Duration latency() {
        return latency;
    }

    synchronized Duration tokenLifetimeOr(Duration otherwise) {
        return tokenLifetime != null ? tokenLifetime : otherwise;
    }

    synchronized boolean totalCountHeaderOr(boolean otherwise) {
        return totalCountHeader != null ? totalCountHeader : otherwise;
    }
}
