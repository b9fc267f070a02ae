package org.rosterbridge.model;

import java.util.Objects;

/**
 * One version of one record: its canonical JSON, the fingerprint of that JSON, and the typed record. A version read
 * back from the state parses its typed record only when asked, because a run that finds no change never needs it. A
 * {@link #derived} version (a joined roster row) holds only its typed record and writes its JSON when asked, because
 * that JSON repeats its user's and class's fields: held, it was two fifths of a school's live heap in flight.
 */
public final class RecordVersion {
    private final Entity entity;
    private final String sourcedId;
    private final Status status;
    private final Fingerprint fingerprint;
    private final byte[] json; // null for a derived version: written from the record when asked
    private final int jsonLength;
    private volatile OneRosterRecord record;

    private RecordVersion(Entity entity, String sourcedId, Status status, Fingerprint fingerprint, byte[] json,
                          int jsonLength, OneRosterRecord record) {
        this.entity = Objects.requireNonNull(entity, "entity");
        this.sourcedId = Objects.requireNonNull(sourcedId, "sourcedId");
        this.status = Objects.requireNonNull(status, "status");
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.json = json;
        this.jsonLength = jsonLength;
        this.record = record;
        if (json == null && record == null) {
            throw new NullPointerException("json");
        }
    }

    /** A fresh version of a typed record: serialises and fingerprints it once. */
    public static RecordVersion of(OneRosterRecord record) {
        byte[] json = CanonicalJson.write(record);
        return new RecordVersion(record.entity(), record.sourcedId(), record.status(), Fingerprint.of(json), json,
                json.length, record);
    }

    /**
     * A version of a record computed from others, such as a roster row: fingerprinted now, its JSON written again
     * (to the same bytes) whenever {@link #json()} is called, rather than held.
     */
    public static RecordVersion derived(OneRosterRecord record) {
        byte[] json = CanonicalJson.write(record);
        return new RecordVersion(record.entity(), record.sourcedId(), record.status(), Fingerprint.of(json), null,
                json.length, record);
    }

    /** A version as the state stored it; the typed record is parsed lazily from {@code json}. */
    public static RecordVersion stored(Entity entity, String sourcedId, Status status, Fingerprint fingerprint,
                                       byte[] json) {
        int length = Objects.requireNonNull(json, "json").length;
        return new RecordVersion(entity, sourcedId, status, fingerprint, json, length, null);
    }

    public Entity entity() {
        return entity;
    }

    public String sourcedId() {
        return sourcedId;
    }

    public Status status() {
        return status;
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** Canonical JSON. The array may be shared: never modify it. A derived version writes it on every call. */
    public byte[] json() {
        return json != null ? json : CanonicalJson.write(record);
    }

    /** The length of {@link #json()}, known without writing a derived version's JSON. */
    public int jsonLength() {
        return jsonLength;
    }

    public OneRosterRecord record() {
        OneRosterRecord r = record;
        if (r == null) {
            r = CanonicalJson.read(entity, json);
            record = r;
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    public <T extends OneRosterRecord> T as(Class<T> type) {
        return (T) record();
    }

    public boolean sameContent(RecordVersion other) {
        return other != null && fingerprint.equals(other.fingerprint);
    }

    @Override
    public String toString() {
        return entity + "/" + sourcedId + "@" + fingerprint;
    }
}
