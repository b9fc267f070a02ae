package org.rosterbridge;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.apache.camel.spi.Registry;
import org.rosterbridge.change.ChangeDetector;
import org.rosterbridge.change.ChangeSettings;
import org.rosterbridge.change.FileSnapshotStore;
import org.rosterbridge.change.MassChangeGuard;
import org.rosterbridge.change.SnapshotStore;
import org.rosterbridge.config.SchoolsConfig;
import org.rosterbridge.config.Settings;
import org.rosterbridge.model.School;
import org.rosterbridge.sink.csv.CsvComponents;
import org.rosterbridge.sink.kafka.KafkaComponents;
import org.rosterbridge.sink.route.RouteSinkSupport;
import org.rosterbridge.source.TokenCache;
import org.rosterbridge.source.XporterComponents;
import org.rosterbridge.source.XporterSettings;
import org.rosterbridge.sync.RunReport;
import org.rosterbridge.sync.Runs;
import org.rosterbridge.sync.SyncSettings;

/**
 * The gateway: a Camel Main with the YAML routes of {@code routes/} and the beans they call, configured from
 * {@code application.properties}, environment variables and the overrides given. The CLI and the end-to-end
 * tests start it the same way.
 */
public final class Gateway implements AutoCloseable {
    private final Main main;
    private final CamelContext context;
    private final Settings settings;
    private final Wiring wiring;

    private Gateway(Main main, Wiring wiring) {
        this.main = main;
        this.context = main.getCamelContext();
        this.wiring = wiring;
        this.settings = wiring.settings;
    }

    /** Starts the gateway with these properties overriding every other source (tests and commands use this). */
    public static Gateway start(Map<String, String> overrides) {
        Main main = new Main();
        Properties props = new Properties();
        props.putAll(overrides);
        main.setOverrideProperties(props);
        Wiring wiring = new Wiring();
        main.addMainListener(wiring);
        try {
            main.start();
        } catch (RuntimeException e) {
            main.stop();
            throw wiring.failure != null ? wiring.failure : e;
        }
        if (wiring.failure != null) {
            main.stop();
            throw wiring.failure;
        }
        return new Gateway(main, wiring);
    }

    /** Syncs every configured school; one report per school, whatever happened to the others. */
    public List<RunReport> sync() {
        return sync(wiring.schools);
    }

    public List<RunReport> sync(List<School> schools) {
        ProducerTemplate template = context.createProducerTemplate();
        try {
            @SuppressWarnings("unchecked")
            List<RunReport> reports = template.requestBody("direct:sync-all", new ArrayList<>(schools), List.class);
            return reports == null ? List.of() : reports;
        } finally {
            try {
                template.stop();
            } catch (RuntimeException ignored) {
                // closing a template cannot lose anything
            }
        }
    }

    public List<School> schools() {
        return wiring.schools;
    }

    public Settings settings() {
        return settings;
    }

    public CamelContext context() {
        return context;
    }

    public SnapshotStore store() {
        return wiring.store;
    }

    public TokenCache tokens() {
        return wiring.tokens;
    }

    @Override
    public void close() {
        main.stop();
    }

    /** Reads the settings once Camel has its properties, and binds every bean before the routes are loaded. */
    private static final class Wiring extends MainListenerSupport {
        Settings settings;
        List<School> schools = List.of();
        SnapshotStore store;
        TokenCache tokens;
        RuntimeException failure;

        @Override
        public void beforeConfigure(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            try {
                settings = new Settings(key -> Optional.ofNullable(context.getPropertiesComponent()
                        .resolveProperty(key).orElse(null)));
                wire(main, context);
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }

        private void wire(BaseMainSupport main, CamelContext context) {
            Clock clock = Clock.systemUTC();
            Registry registry = context.getRegistry();
            XporterSettings xporter = XporterSettings.from(settings);
            SyncSettings sync = SyncSettings.from(settings);
            ChangeSettings change = ChangeSettings.from(settings);
            schools = SchoolsConfig.load(settings);

            tokens = XporterComponents.register(context, xporter,
                    sync.maxConcurrentSchools() * xporter.entityConcurrency(), clock);
            store = new FileSnapshotStore(change.stateDir());
            MassChangeGuard guard = new MassChangeGuard(change, store, clock);
            registry.bind("runs", new Runs(sync, schools, store, new ChangeDetector(), guard, clock));
            registry.bind("syncReports", new GroupedBodyAggregationStrategy());
            registry.bind("syncSchools", context.getExecutorServiceManager()
                    .newFixedThreadPool(this, "sync-school", sync.maxConcurrentSchools()));

            List<String> routes = new ArrayList<>(List.of("classpath:routes/xporter.camel.yaml",
                    "classpath:routes/sync.camel.yaml", "classpath:routes/schedule.camel.yaml"));
            if (KafkaComponents.register(context, settings).enabled()) {
                routes.add(KafkaComponents.ROUTES);
            }
            if (sync.csvEnabled()) {
                routes.addAll(CsvComponents.register(context, settings));
            }
            routes.add(RouteSinkSupport.register(context, settings));
            settings.get("gateway.routes").ifPresent(extra -> routes.addAll(List.of(extra.split(","))));
            main.configure().withRoutesIncludePattern(String.join(",", routes));
        }
    }
}
