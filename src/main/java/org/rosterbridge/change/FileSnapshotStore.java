package org.rosterbridge.change;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.rosterbridge.model.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link SnapshotStore}: files under {@code gateway.state-dir}, one folder per school.
 *
 * <pre>
 * {state-dir}/{estab}/snapshots/{runId}.snap   a committed snapshot, in {@link SnapshotCodec}'s format
 * {state-dir}/{estab}/positions.json          sink id -> run id of the snapshot that sink last delivered
 * {state-dir}/{estab}/hold.json               the pending mass-change hold, if any
 * {state-dir}/{estab}/approval.json           the one-shot approval, if any
 * </pre>
 * Every file is replaced atomically ({@link AtomicFiles}), and a snapshot is written before the position that names
 * it, so a crash at any point leaves every sink at its old position or its new one. Ids that are not safe as file
 * names are escaped ({@code %XX}). One process owns a state directory: its locks are in memory, so instances that
 * share schools need a shared store instead.
 */
public final class FileSnapshotStore implements SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileSnapshotStore.class);
    private static final String SNAPSHOTS = "snapshots";
    private static final String SNAPSHOT_SUFFIX = ".snap";
    private static final String POSITIONS = "positions.json";
    private static final String HOLD = "hold.json";
    private static final String APPROVAL = "approval.json";
    /**
     * Deflated at the fastest level: for a secondary school (14,000 records, 12,000 rows) the file shrinks tenfold,
     * 13 MB to 1.3 MB, for some 30 ms more per write and nothing on reading. With thousands of schools the disk, the
     * fsync and a future shared store all prefer the small file.
     */
    static final boolean DEFLATE_BY_DEFAULT = true;

    private final Path root;
    private final boolean deflate;
    private final AtomicFiles files;
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .build();
    // per-school serialisation of read-modify-write on positions: a few bytes per school ever synced
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public FileSnapshotStore(ChangeSettings settings) {
        this(settings.stateDir());
    }

    public FileSnapshotStore(Path root) {
        this(root, DEFLATE_BY_DEFAULT, new AtomicFiles());
    }

    FileSnapshotStore(Path root, boolean deflate, AtomicFiles files) {
        this.root = root;
        this.deflate = deflate;
        this.files = files;
    }

    @Override
    public Map<String, Snapshot> committed(String estab, Collection<String> sinkIds) {
        ReentrantLock lock = lock(estab);
        lock.lock();
        try {
            Map<String, String> positions = readPositions(estab);
            Map<String, Snapshot> byRun = new HashMap<>();
            Snapshot empty = Snapshot.empty(estab);
            Map<String, Snapshot> bySink = new LinkedHashMap<>();
            for (String sinkId : sinkIds) {
                String runId = positions.get(sinkId);
                bySink.put(sinkId, runId == null ? empty
                        : byRun.computeIfAbsent(runId, r -> readSnapshot(estab, sinkId, r)));
            }
            return bySink;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void commit(String estab, String sinkId, String runId, Snapshot staged) {
        if (!staged.estab().equals(estab)) {
            throw new IllegalArgumentException("snapshot of school " + staged.estab() + " committed as school " + estab);
        }
        ReentrantLock lock = lock(estab);
        lock.lock();
        try {
            Path file = snapshotFile(estab, runId);
            long start = System.nanoTime();
            if (Files.exists(file)) {
                checkSameRun(estab, runId, file, staged);
            } else {
                files.write(file, out -> SnapshotCodec.write(staged, out, deflate));
            }
            Map<String, String> positions = new TreeMap<>(readPositions(estab));
            positions.put(sinkId, runId);
            Path positionsFile = schoolDir(estab).resolve(POSITIONS);
            files.write(positionsFile, out -> out.write(json.writeValueAsBytes(positions)));
            try {
                removeUnreferenced(estab, positions.values());
            } catch (IOException e) {
                // the commit stands; the next one retries the clean-up
                LOG.warn("school {}: cannot remove snapshots no sink needs under {}: {}", estab, schoolDir(estab),
                        e.getMessage());
            }
            LOG.debug("school {}: sink {} committed run {} in {} ms", estab, sinkId, runId,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new StateException("cannot commit run " + runId + " of school " + estab + " for sink " + sinkId
                    + " under " + schoolDir(estab) + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<String, String> positions(String estab) {
        ReentrantLock lock = lock(estab);
        lock.lock();
        try {
            return readPositions(estab);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void recordHold(Hold hold) {
        writeJson(schoolDir(hold.estab()).resolve(HOLD), hold);
    }

    @Override
    public Optional<Hold> pendingHold(String estab) {
        return readJson(schoolDir(estab).resolve(HOLD), Hold.class);
    }

    @Override
    public List<Hold> pendingHolds() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Hold> holds = new ArrayList<>();
        try (Stream<Path> schools = Files.list(root)) {
            for (Path dir : (Iterable<Path>) schools.filter(Files::isDirectory)::iterator) {
                readJson(dir.resolve(HOLD), Hold.class).ifPresent(holds::add);
            }
        } catch (IOException e) {
            throw new StateException("cannot list the schools under " + root + ": " + e.getMessage(), e);
        }
        holds.sort(Comparator.comparing(Hold::estab));
        return holds;
    }

    @Override
    public void clearHold(String estab) {
        delete(schoolDir(estab).resolve(HOLD));
    }

    @Override
    public void saveApproval(Approval approval) {
        writeJson(schoolDir(approval.estab()).resolve(APPROVAL), approval);
    }

    @Override
    public Optional<Approval> approval(String estab) {
        return readJson(schoolDir(estab).resolve(APPROVAL), Approval.class);
    }

    @Override
    public void consumeApproval(String estab) {
        delete(schoolDir(estab).resolve(APPROVAL));
    }

    /** The folder that holds one school's state. */
    public Path schoolDir(String estab) {
        return root.resolve(fileName(estab));
    }

    Path snapshotFile(String estab, String runId) {
        return schoolDir(estab).resolve(SNAPSHOTS).resolve(fileName(runId) + SNAPSHOT_SUFFIX);
    }

    private Snapshot readSnapshot(String estab, String sinkId, String runId) {
        Path file = snapshotFile(estab, runId);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StateException("school " + estab + ": sink " + sinkId + " is at run " + runId
                    + " but its snapshot file " + file + " is missing", e);
        } catch (IOException e) {
            throw new StateException("cannot read snapshot file " + file + ": " + e.getMessage(), e);
        }
        Snapshot snapshot = SnapshotCodec.read(bytes, file.toString());
        if (!snapshot.estab().equals(estab)) {
            throw new StateException("snapshot file " + file + " belongs to school " + snapshot.estab()
                    + ", not " + estab);
        }
        return snapshot;
    }

    /** A second sink committing the same run finds the snapshot written; the run id must not hide other content. */
    private static void checkSameRun(String estab, String runId, Path file, Snapshot staged) throws IOException {
        SnapshotCodec.Header header;
        try (InputStream in = Files.newInputStream(file)) {
            header = SnapshotCodec.header(in, file.toString());
        }
        if (header.digest() != SnapshotCodec.digest(staged)) {
            throw new StateException("run " + runId + " of school " + estab + " is already committed (" + file
                    + ") with other content: a run id must name one run");
        }
    }

    private void removeUnreferenced(String estab, Collection<String> referencedRuns) throws IOException {
        Set<String> keep = new HashSet<>();
        for (String runId : referencedRuns) {
            keep.add(fileName(runId) + SNAPSHOT_SUFFIX);
        }
        Path dir = schoolDir(estab).resolve(SNAPSHOTS);
        List<Path> remove = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> AtomicFiles.isTemp(p) || (p.getFileName().toString().endsWith(SNAPSHOT_SUFFIX)
                    && !keep.contains(p.getFileName().toString()))).forEach(remove::add);
        }
        try (Stream<Path> entries = Files.list(schoolDir(estab))) {
            entries.filter(AtomicFiles::isTemp).forEach(remove::add);
        }
        for (Path p : remove) {
            files.delete(p);
            LOG.debug("school {}: removed {}", estab, p.getFileName());
        }
    }

    private Map<String, String> readPositions(String estab) {
        return readJson(schoolDir(estab).resolve(POSITIONS), new TypeReference<Map<String, String>>() {
        }).orElse(Map.of());
    }

    // holds and approvals are single files replaced whole: the last writer wins, no lock needed
    private void writeJson(Path file, Object value) {
        try {
            files.write(file, out -> out.write(json.writeValueAsBytes(value)));
        } catch (IOException e) {
            throw new StateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private <T> Optional<T> readJson(Path file, Class<T> type) {
        return readJson(file, json.constructType(type));
    }

    private <T> Optional<T> readJson(Path file, TypeReference<T> type) {
        return readJson(file, json.constructType(type));
    }

    private <T> Optional<T> readJson(Path file, JavaType type) {
        try {
            return Optional.of(json.readValue(Files.readAllBytes(file), type));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateException("state file " + file + " is unreadable or corrupt: " + e.getMessage(), e);
        }
    }

    private void delete(Path file) {
        try {
            files.delete(file);
        } catch (IOException e) {
            throw new StateException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private ReentrantLock lock(String estab) {
        return locks.computeIfAbsent(estab, e -> new ReentrantLock());
    }

    /**
     * An id as a file name: letters, digits, '-', '_' and '.' stay, anything else (and a leading '.', which would
     * hide the file or climb a folder) becomes %XX of its UTF-8 bytes. Distinct ids stay distinct.
     */
    static String fileName(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("an estab, sink or run id must not be empty");
        }
        StringBuilder sb = new StringBuilder(id.length());
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean safe = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '_' || (b == '.' && i > 0);
            if (safe) {
                sb.append((char) b);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
