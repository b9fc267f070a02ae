package org.rosterbridge.sink.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.rosterbridge.sync.Delivery;
import org.rosterbridge.sync.Runs;
import org.rosterbridge.sync.SchoolRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean behind the CSV sink's routes: a delivery's bundles (bulk, delta or both), each validated before it may
 * leave, and the messages that carry a bundle's zip and checksum to the destination route.
 */
public final class CsvSink {
    /** The exchange property that holds the {@link CsvBundle} being delivered. */
    public static final String BUNDLE = "rosterbridgeCsvBundle";
    private static final Logger LOG = LoggerFactory.getLogger(CsvSink.class);
    private static final int IDS_AT_INFO = 20;

    private final CsvSinkSettings settings;
    private final BundleWriter writer;
    private final BundleValidator validator;
    private final Map<String, Instant> lastStamp = new ConcurrentHashMap<>();

    public CsvSink(CsvSinkSettings settings, CsvMapping mapping) {
        this.settings = settings;
        this.writer = new BundleWriter(mapping, settings.formulaGuard(), settings.systemName(), settings.systemCode());
        this.validator = new BundleValidator(mapping);
    }

    /**
     * Body {@link Delivery}: the bundles this destination gets for the run, every one valid, bulk first. An empty
     * delta is not delivered (nothing changed). Throws {@link BundleRejectedException} when any bundle fails.
     */
    public List<CsvBundle> bundles(Exchange exchange) {
        Delivery d = exchange.getIn().getBody(Delivery.class);
        String estab = d.school().estab();
        Instant at = stamp(estab, d.startedAt());
        List<CsvBundle> out = new ArrayList<>();
        for (BundleMode mode : settings.mode().bundles()) {
            if (mode == BundleMode.DELTA && d.changes().changes().stream().noneMatch(c -> c.entity().fromSource())) {
                LOG.info("{}: no changes since the last delivered bundle, so no delta bundle", estab);
                continue;
            }
            long start = System.nanoTime();
            CsvBundle bundle = mode == BundleMode.BULK ? writer.bulk(estab, at, d.staged())
                    : writer.delta(estab, at, d.changes());
            List<BundleValidator.Problem> problems = validator.validate(bundle.zip());
            if (!problems.isEmpty()) {
                throw new BundleRejectedException(bundle, problems);
            }
            LOG.info("{}: {} written and valid in {} ms: {} rows, {} bytes", estab, bundle.fileName(),
                    (System.nanoTime() - start) / 1_000_000,
                    bundle.report().rows().values().stream().mapToInt(Integer::intValue).sum(), bundle.zip().length);
            report(exchange, bundle);
            out.add(bundle);
        }
        return out;
    }

    /**
     * The bundles' time: the run's start to the second, moved on a second when a run of the same school in this
     * process already used it, so two quick runs never name (and so never refuse) the same bundle.
     */
    private Instant stamp(String estab, Instant startedAt) {
        return lastStamp.merge(estab, startedAt.truncatedTo(ChronoUnit.SECONDS),
                (last, now) -> now.isAfter(last) ? now : last.plusSeconds(1));
    }

    /** Records left out and cells adjusted go to the log and the run report, by sourcedId and count only. */
    private static void report(Exchange exchange, CsvBundle bundle) {
        BundleReport r = bundle.report();
        if (r.excluded().isEmpty() && r.adjusted().isEmpty()) {
            return;
        }
        String summary = r.summary(IDS_AT_INFO);
        LOG.info("{}: {}: {}", bundle.estab(), bundle.fileName(), summary);
        if (LOG.isDebugEnabled()) {
            r.excluded().forEach(e -> LOG.debug("{}: {} {} left out: {}", bundle.estab(), e.file(), e.sourcedId(),
                    e.reason()));
        }
        SchoolRun run = exchange.getProperty(Runs.RUN, SchoolRun.class);
        if (run != null && !r.excluded().isEmpty()) {
            run.warn("csv " + bundle.mode().wire() + ": " + summary);
        }
    }

    /** Body {@link CsvBundle}: the zip's bytes, named {@code {estab}/oneroster-...zip} for the destination. */
    public byte[] zipFile(Exchange exchange) {
        CsvBundle bundle = exchange.getIn().getBody(CsvBundle.class);
        exchange.setProperty(BUNDLE, bundle);
        exchange.getIn().setHeader(Exchange.FILE_NAME, bundle.path());
        return bundle.zip();
    }

    /** After the zip: its {@code .sha256} beside it. */
    public byte[] checksumFile(Exchange exchange) {
        CsvBundle bundle = exchange.getProperty(BUNDLE, CsvBundle.class);
        exchange.getIn().setHeader(Exchange.FILE_NAME, bundle.checksumPath());
        return bundle.checksumFile();
    }

    /** Both files are in place under their final names. */
    public void delivered(Exchange exchange) {
        CsvBundle bundle = exchange.getProperty(BUNDLE, CsvBundle.class);
        LOG.info("{}: {} delivered", bundle.estab(), bundle.path());
    }

    /** Output-folder delivery: the school's folder keeps the newest {@code csv.keep} bundles of each kind. */
    public void pruneFolder(Exchange exchange) {
        CsvBundle bundle = exchange.getProperty(BUNDLE, CsvBundle.class);
        Path folder = settings.outputDir().resolve(bundle.estab());
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            for (String name : BundleRetention.expired(names, bundle.estab(), settings.keep())) {
                Files.deleteIfExists(folder.resolve(name));
                LOG.debug("{}: removed {} (csv.keep={})", bundle.estab(), name, settings.keep());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tidy " + folder, e);
        }
    }
}
