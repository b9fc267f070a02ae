package org.rosterbridge.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.RouteBuilder;
import org.rosterbridge.Gateway;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.XporterSimulator;
import org.rosterbridge.sync.Delivery;
import org.rosterbridge.sync.RunReport;

/**
 * The gateway pointed at a stand-in Xporter school with fast test settings (small pages, short backoffs, CSV off)
 * and a probe sink: a route {@code direct:sink-probe} that records every delivery it is handed, so a test sees
 * exactly what reached downstream.
 */
public final class SimulatedGateway implements AutoCloseable {
    private final Gateway gateway;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    private SimulatedGateway(Map<String, String> settings) {
        gateway = Gateway.start(settings);
        try {
            gateway.context().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:sink-probe").routeId("sink-probe")
                            .process(e -> deliveries.add(e.getIn().getBody(Delivery.class)));
                }
            });
        } catch (Exception e) {
            gateway.close();
            throw new IllegalStateException("the probe sink cannot be added", e);
        }
    }

    /** Test settings for one school of the simulator; {@code extra} overrides them. */
    public static Map<String, String> settings(XporterSimulator simulator, SimulatedSchool school, Path stateDir,
                                               Map<String, String> extra) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("xporter.base-url", simulator.baseUrl());
        s.put("xporter.rp", school.rp());
        s.put("xporter.estab", school.estab());
        s.put("xporter.secret", school.secret());
        s.put("xporter.page-size", "50");
        s.put("xporter.initial-backoff", "10ms");
        s.put("xporter.max-backoff", "40ms");
        s.put("xporter.max-retries", "3");
        s.put("gateway.state-dir", stateDir.toString());
        s.put("gateway.route-sinks", "probe");
        s.put("csv.enabled", "false");
        s.putAll(extra);
        return s;
    }

    public static SimulatedGateway start(Map<String, String> settings) {
        return new SimulatedGateway(settings);
    }

    /** One sync of the configured school. */
    public RunReport sync() {
        List<RunReport> reports = gateway.sync();
        if (reports.size() != 1) {
            throw new IllegalStateException("expected one school's report, got " + reports.size());
        }
        return reports.get(0);
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        gateway.close();
    }
}
