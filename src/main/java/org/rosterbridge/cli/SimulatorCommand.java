package org.rosterbridge.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rosterbridge.config.Settings;
import org.rosterbridge.simulator.RecordShape;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.SimulatorConfig;
import org.rosterbridge.simulator.XporterSimulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulator}: the stand-in Xporter in a process of its own, until stopped. */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Run a stand-in Groupcall Xporter (OneRoster v1.1) serving generated schools until stopped, "
                + "for demos and benchmarks. Prints the base URL and each school's credentials: these are the "
                + "simulator's own demo secrets. POST /_simulator/schools/{estab}/day-two applies the scripted "
                + "day-two changes; GET /_simulator/schools shows the requests counted.")
final class SimulatorCommand implements Callable<Integer> {

    /** Which record shape the schools answer in. */
    enum Shapes { XPORTER, STANDARD, MIXED }

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8089", description = "Port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--schools", defaultValue = "1", description = "Schools to serve (default: ${DEFAULT-VALUE}).")
    int schools;

    @Option(names = "--pupils", defaultValue = "1500", description = "Pupils per school (default: ${DEFAULT-VALUE}).")
    int pupils;

    @Option(names = "--staff", description = "Staff per school (default: a tenth of the pupils, at least 2).")
    Integer staff;

    @Option(names = "--rp", defaultValue = "demo-rp", description = "The relying party (default: ${DEFAULT-VALUE}).")
    String rp;

    @Option(names = "--latency", defaultValue = "0ms", converter = DurationConverter.class,
            description = "Added to every request, e.g. 100ms (default: ${DEFAULT-VALUE}).")
    Duration latency;

    @Option(names = "--token-lifetime", defaultValue = "1h", converter = DurationConverter.class,
            description = "expires_in of issued tokens (default: ${DEFAULT-VALUE}).")
    Duration tokenLifetime;

    @Option(names = "--threads", defaultValue = "256", description = "Requests served at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--shape", defaultValue = "XPORTER",
            description = "Record shape: xporter, standard, or mixed (alternating) (default: ${DEFAULT-VALUE}).")
    Shapes shape;

    @Option(names = "--total-count", description = "Send X-Total-Count on pages (Xporter does not promise it).")
    boolean totalCount;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated data and secrets (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--write-schools-file", paramLabel = "FILE",
            description = "Also write the schools as an xporter.schools-file (secrets inline: demo use only).")
    Path schoolsFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        XporterSimulator simulator = start(System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        stopped.await();
        return RosterbridgeCommand.OK;
    }

    /** Starts the simulator with every school generated, and prints how to reach it. */
    XporterSimulator start(PrintStream out) throws IOException {
        if (schools < 1 || schools > 8000 || pupils < 14) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--schools must be between 1 and 8000 and --pupils at least 14");
        }
        List<SimulatedSchool> served = new ArrayList<>();
        List<SimulatedSchool> numbered = SimulatedSchool.numbered(schools, rp, pupils,
                staff != null ? staff : Math.max(2, pupils / 10), seed);
        for (int i = 0; i < numbered.size(); i++) {
            RecordShape s = switch (shape) {
                case XPORTER -> RecordShape.XPORTER;
                case STANDARD -> RecordShape.STANDARD;
                case MIXED -> i % 2 == 0 ? RecordShape.XPORTER : RecordShape.STANDARD;
            };
            served.add(numbered.get(i).withShape(s));
        }
        XporterSimulator simulator = XporterSimulator.start(SimulatorConfig.builder().host(host).port(port)
                .threads(threads).latency(latency).tokenLifetime(tokenLifetime).totalCountHeader(totalCount)
                .schools(served).build());
        long started = System.nanoTime();
        simulator.prepare();
        System.err.printf("simulator: %d schools generated in %.1f s%n", served.size(),
                (System.nanoTime() - started) / 1e9);
        out.println("Xporter simulator: " + simulator.baseUrl());
        out.println("  " + served.size() + " schools of " + pupils + " pupils, latency " + latency.toMillis()
                + " ms per request; stop with Ctrl-C");
        Table t = new Table("estab", "rp", "secret (demo only)", "shape", "name");
        served.forEach(s -> t.row(s.estab(), s.rp(), s.secret(), s.shape().name().toLowerCase(), s.name()));
        t.print(out);
        SimulatedSchool first = served.get(0);
        out.println("sync the first school with:");
        out.println("  XPORTER_BASE_URL=" + simulator.baseUrl() + " XPORTER_RP=" + first.rp() + " XPORTER_ESTAB="
                + first.estab() + " XPORTER_SECRET=" + first.secret() + " bin/rosterbridge sync");
        if (schoolsFile != null) {
            Files.writeString(schoolsFile, schoolsYaml(served), StandardCharsets.UTF_8);
            out.println("schools file: " + schoolsFile.toAbsolutePath() + " (XPORTER_SCHOOLS_FILE)");
        }
        out.flush();
        return simulator;
    }

    private static String schoolsYaml(List<SimulatedSchool> schools) {
        StringBuilder b = new StringBuilder("# Written by 'rosterbridge simulator': the simulator's demo secrets.\n"
                + "schools:\n");
        for (SimulatedSchool s : schools) {
            b.append("  - estab: \"").append(s.estab()).append("\"\n    rp: ").append(s.rp())
                    .append("\n    name: \"").append(s.name().replace("\"", "'")).append("\"\n    secret: ")
                    .append(s.secret()).append('\n');
        }
        return b.toString();
    }

    /** {@code 100ms}, {@code 2s}, {@code PT1M}: the gateway's own duration syntax. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Settings.of(Map.of("duration", value)).duration("duration", Duration.ZERO);
        }
    }
}
