package org.rosterbridge.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the stand-in Xporter runs.
 *
 * @param host             interface to listen on (loopback by default)
 * @param port             port, 0 for any free one
 * @param threads          requests served at once
 * @param latency          added to every request, as a network and a busy vendor would
 * @param tokenLifetime    {@code expires_in} of issued tokens
 * @param totalCountHeader whether pages carry {@code X-Total-Count} (Xporter does not promise it)
 * @param schools          the schools served, each with its own credentials
 */
public record SimulatorConfig(String host, int port, int threads, Duration latency, Duration tokenLifetime,
                              boolean totalCountHeader, List<SimulatedSchool> schools) {

    /** The path every documented endpoint lives under. */
    public static final String BASE_PATH = "/api/ims/oneroster/v1p1/school";

    public SimulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        schools = List.copyOf(schools);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (schools.stream().map(SimulatedSchool::estab).distinct().count() != schools.size()) {
            throw new IllegalArgumentException("each school needs its own estab");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a configuration; defaults: loopback, any port, 64 threads, no latency, one-hour tokens. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private int threads = 64;
        private Duration latency = Duration.ZERO;
        private Duration tokenLifetime = Duration.ofHours(1);
        private boolean totalCountHeader;
        private final List<SimulatedSchool> schools = new ArrayList<>();

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        public Builder tokenLifetime(Duration tokenLifetime) {
            this.tokenLifetime = tokenLifetime;
            return this;
        }

        public Builder totalCountHeader(boolean on) {
            this.totalCountHeader = on;
            return this;
        }

        public Builder school(SimulatedSchool school) {
            schools.add(school);
            return this;
        }

        public Builder schools(List<SimulatedSchool> schools) {
            this.schools.addAll(schools);
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(host, port, threads, latency, tokenLifetime, totalCountHeader, schools);
        }

        /** Builds and starts the server. */
        public XporterSimulator start() {
            return XporterSimulator.start(build());
        }
    }
}
