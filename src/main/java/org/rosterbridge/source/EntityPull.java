package org.rosterbridge.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.School;
import org.rosterbridge.model.Status;
import org.rosterbridge.sync.EntityStats;

/**
 * The paged extraction of one entity of one school: where it is, what it has so far. Used by one thread at a time
 * (the entity's lane), so it needs no locking; the cancel flag is shared by the school's lanes.
 */
public final class EntityPull {
    private final School school;
    private final Entity entity;
    private final int limit;
    private final AtomicBoolean cancelled;
    private final boolean confirmation;
    private final long startNanos = System.nanoTime();

    private final SharedValues shared = new SharedValues();
    private Map<String, RecordVersion> records = new LinkedHashMap<>();
    private int offset;
    private int pass = 1;
    private int pages;
    private int requests;
    private int duplicates;
    private int duplicatesThisPass;
    private Integer firstTotal;
    private Integer lastTotal;
    private boolean done;
    private boolean skipped;
    private long millis = -1;

    EntityPull(School school, Entity entity, int limit, AtomicBoolean cancelled) {
        this(school, entity, limit, cancelled, false);
    }

    private EntityPull(School school, Entity entity, int limit, AtomicBoolean cancelled, boolean confirmation) {
        this.school = school;
        this.entity = entity;
        this.limit = limit;
        this.cancelled = cancelled;
        this.confirmation = confirmation;
    }

    /** A fresh pull of the same entity, to confirm that records absent from this one are really gone. */
    EntityPull confirmation() {
        return new EntityPull(school, entity, limit, cancelled, true);
    }

    /** Whether this pull is the confirmation pass of an entity already extracted once. */
    public boolean isConfirmation() {
        return confirmation;
    }

    public School school() {
        return school;
    }

    public Entity entity() {
        return entity;
    }

    /** The values this entity's pages repeat, held once (see {@link SharedValues}). */
    SharedValues shared() {
        return shared;
    }

    public int limit() {
        return limit;
    }

    public int offset() {
        return offset;
    }

    public int pass() {
        return pass;
    }

    /** The loop condition of the extraction route. */
    public boolean hasMore() {
        return !done && !cancelled.get();
    }

    public boolean done() {
        return done;
    }

    public boolean skipped() {
        return skipped;
    }

    void countRequest() {
        requests++;
    }

    /** Adds a record; a sourcedId seen before in this pass (offset drift) keeps the later version, once. */
    boolean accept(RecordVersion version) {
        if (records.put(version.sourcedId(), version) != null) {
            duplicates++;
            duplicatesThisPass++;
            return false;
        }
        return true;
    }

    /**
     * Records a page of {@code count} records, {@code fresh} of them not seen before in this pass.
     *
     * @return true when this page ends the pass (shorter than the limit)
     */
    boolean pageRead(int count, int fresh, Integer totalHeader) {
        pages++;
        if (totalHeader != null) {
            if (firstTotal == null) {
                firstTotal = totalHeader;
            }
            lastTotal = totalHeader;
        }
        if (count >= limit && fresh == 0) {
            // a full page of nothing new: the server is ignoring offset, and paging would never end
            throw new XporterException.Inconsistent(school, entity, "a full page at offset " + offset
                    + " repeated only records already received: the server seems to ignore 'offset'");
        }
        offset += count;
        return count < limit;
    }

    /**
     * Whether the finished pass saw the data move under it: duplicates, a total that changed between pages (a
     * record deleted before the offset shifts the rest left, so one is skipped without any repeat), or a total
     * that does not match what arrived.
     */
    String driftIn() {
        if (firstTotal != null && !firstTotal.equals(lastTotal)) {
            return "X-Total-Count changed from " + firstTotal + " to " + lastTotal + " during paging";
        }
        if (lastTotal != null && lastTotal != records.size()) {
            return "X-Total-Count said " + lastTotal + " but " + records.size() + " distinct records arrived";
        }
        if (duplicatesThisPass > 0) {
            return duplicatesThisPass + " records arrived twice (the data changed during paging)";
        }
        return null;
    }

    boolean totalMismatch() {
        return lastTotal != null && (lastTotal != records.size() || !lastTotal.equals(firstTotal));
    }

    /** Starts the entity over from offset 0, once, because the data moved during the first pass. */
    void restart() {
        pass++;
        records = new LinkedHashMap<>();
        offset = 0;
        duplicatesThisPass = 0;
        firstTotal = null;
        lastTotal = null;
    }

    void finish() {
        done = true;
        millis = (System.nanoTime() - startNanos) / 1_000_000;
    }

    void skip() {
        skipped = true;
        records = new LinkedHashMap<>();
        finish();
    }

    /**
     * Stages the union of this pull and its finished confirmation pass: a record only the confirmation found is
     * added, a record both found keeps this pull's version, and the confirmation's requests, pages and time are
     * counted here so the run's figures stay true.
     *
     * @return the sourcedIds the confirmation pass added
     */
    List<String> absorb(EntityPull confirmed) {
        List<String> added = new ArrayList<>();
        confirmed.records.forEach((id, version) -> {
            if (records.putIfAbsent(id, version) == null) {
                added.add(id);
            }
        });
        pages += confirmed.pages;
        requests += confirmed.requests;
        duplicates += confirmed.duplicates;
        millis += Math.max(0, confirmed.millis);
        return added;
    }

    public Map<String, RecordVersion> records() {
        return records;
    }

    public EntityStats stats() {
        int active = 0;
        for (RecordVersion v : records.values()) {
            if (v.status() == Status.ACTIVE) {
                active++;
            }
        }
        return new EntityStats(pages, requests, records.size(), active, records.size() - active, duplicates,
                millis < 0 ? (System.nanoTime() - startNanos) / 1_000_000 : millis);
    }
}
