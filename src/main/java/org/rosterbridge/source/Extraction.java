package org.rosterbridge.source;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.rosterbridge.model.School;
import org.rosterbridge.model.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean behind the extraction routes: plans a school's extraction into lanes, drives each entity's page loop,
 * logs each entity once it finished, stops a school's other lanes when one fails, and hands over the snapshot.
 */
public final class Extraction {
    private static final Logger LOG = LoggerFactory.getLogger(Extraction.class);

    /** The exchange property that carries the school's {@link SchoolExtraction}. */
    public static final String PROPERTY = "rosterbridgeExtraction";
    /** The exchange property that carries the entity being paged. */
    public static final String PULL = "rosterbridgePull";

    private final XporterSettings settings;
    private final TokenCache tokens;

    private final AtomicLong begun = new AtomicLong();

    public Extraction(XporterSettings settings, TokenCache tokens) {
        this.settings = settings;
        this.tokens = tokens;
    }

    /**
     * Body {@link School}: starts its extraction. The token comes first, so that a refused secret fails the school
     * with one token request instead of one per entity.
     */
    public void plan(Exchange exchange) {
        School school = exchange.getIn().getBody(School.class);
        tokens.newRun(school);
        tokens.bearer(school);
        exchange.setProperty(PROPERTY, new SchoolExtraction(school, settings.pageSize(),
                settings.entityConcurrency(), begun.getAndIncrement()));
    }

    /** The lanes to run in parallel; each lane is a list of entities extracted one after another. */
    public List<List<EntityPull>> lanes(Exchange exchange) {
        return extraction(exchange).lanes();
    }

    /** Body {@link EntityPull}: the entity whose pages the loop fetches. */
    public void begin(Exchange exchange) {
        exchange.setProperty(PULL, exchange.getIn().getBody(EntityPull.class));
    }

    /** The page loop's condition. */
    public boolean hasMore(Exchange exchange) {
        return exchange.getProperty(PULL, EntityPull.class).hasMore();
    }

    /** After an entity's last page: its line of the run log. */
    public void finished(Exchange exchange) {
        EntityPull pull = exchange.getProperty(PULL, EntityPull.class);
        exchange.getIn().setBody(pull);
        if (pull.done() && !pull.skipped()) {
            var s = pull.stats();
            LOG.info("{} {}{}: {} pages, {} records ({} tobedeleted){}, {} ms", pull.school().estab(),
                    pull.entity(), pull.isConfirmation() ? " (confirmation pass)" : "", s.pages(), s.records(),
                    s.tobedeleted(),
                    s.duplicates() > 0 ? ", " + s.duplicates() + " duplicates dropped" : "", s.millis());
        }
    }

    /** Rethrows a lane's failure after telling the school's other lanes to stop requesting pages. */
    public void abandon(Exchange exchange) throws Exception {
        SchoolExtraction extraction = exchange.getProperty(PROPERTY, SchoolExtraction.class);
        if (extraction != null) {
            extraction.cancel();
        }
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        throw cause != null ? cause : new IllegalStateException("extraction failed");
    }

    /**
     * The confirmation passes to run: one fresh pull per entity with would-be hard deletes, none when
     * xporter.confirm-deletes is off or nothing would be deleted by absence.
     */
    public List<EntityPull> confirmations(Exchange exchange) {
        SchoolExtraction extraction = extraction(exchange);
        if (!settings.confirmDeletes()) {
            return List.of();
        }
        List<EntityPull> out = extraction.confirmations();
        if (!out.isEmpty()) {
            LOG.info("{}: {} would lose records by absence; extracting again to confirm", extraction.school().estab(),
                    out.stream().map(p -> p.entity().collection()).toList());
        }
        return out;
    }

    /** Body the staged {@link Snapshot}: after the confirmation passes, the union of both passes (or the same). */
    public Snapshot confirmed(Exchange exchange) {
        SchoolExtraction extraction = extraction(exchange);
        return extraction.confirmed() ? extraction.snapshot() : exchange.getIn().getBody(Snapshot.class);
    }

    /** The complete snapshot becomes the body; a partial one is refused. */
    public Snapshot snapshot(Exchange exchange) {
        return extraction(exchange).snapshot();
    }

    private static SchoolExtraction extraction(Exchange exchange) {
        return exchange.getProperty(PROPERTY, SchoolExtraction.class);
    }
}
