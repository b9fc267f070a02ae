package org.rosterbridge.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rosterbridge.change.SchoolData.enrollment;
import static org.rosterbridge.change.SchoolData.org;
import static org.rosterbridge.change.SchoolData.renamed;
import static org.rosterbridge.change.SchoolData.schoolClass;
import static org.rosterbridge.change.SchoolData.user;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rosterbridge.join.RosterJoin;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.OneRosterRecord;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.User;

class FileSnapshotStoreTest {
    private static final String ESTAB = SchoolData.ESTAB;

    @TempDir
    Path stateDir;

    /** A staged snapshot with its rows, as the pipeline commits it. */
    private static Snapshot staged(OneRosterRecord... records) {
        return new RosterJoin().build(SchoolData.snapshot(records)).staged();
    }

    private static Snapshot day1() {
        return staged(org(), schoolClass("c1", "9Ma1"), user("u1", "Ada", "Lovelace"), user("u2", "Alan", "Turing"),
                enrollment("e1", "u1", "c1"), enrollment("e2", "u2", "c1"));
    }

    private static Snapshot day2() {
        return staged(org(), schoolClass("c1", "9Ma1"), renamed(user("u1", "Ada", "Lovelace"), "King"),
                enrollment("e1", "u1", "c1"));
    }

    /** Same records in the same order, byte for byte; typed records compared on a sample, parsing is the slow part. */
    private static void assertSameRecords(Snapshot actual, Snapshot expected) {
        for (Entity entity : Entity.values()) {
            List<RecordVersion> a = new ArrayList<>(actual.records(entity).values());
            List<RecordVersion> e = new ArrayList<>(expected.records(entity).values());
            assertThat(a.stream().map(FileSnapshotStoreTest::describe)).as(entity.collection())
                    .containsExactlyElementsOf(e.stream().map(FileSnapshotStoreTest::describe).toList());
            for (int i = 0; i < e.size(); i++) {
                if (!java.util.Arrays.equals(a.get(i).json(), e.get(i).json())) {
                    assertThat(new String(a.get(i).json(), java.nio.charset.StandardCharsets.UTF_8))
                            .isEqualTo(new String(e.get(i).json(), java.nio.charset.StandardCharsets.UTF_8));
                }
                if (i % 97 == 0) {
                    assertThat(a.get(i).record()).isEqualTo(e.get(i).record());
                }
            }
        }
    }

    private static String describe(RecordVersion v) {
        return v.entity() + "/" + v.sourcedId() + "/" + v.status() + "/" + v.fingerprint();
    }

    private static Snapshot bigSchool;

    /** A secondary school with its rows, built once for the tests that need the size. */
    private static synchronized Snapshot bigSchool() {
        if (bigSchool == null) {
            bigSchool = new RosterJoin().build(SchoolData.snapshot(SchoolData.secondarySchool(3))).staged();
        }
        return bigSchool;
    }

    @ParameterizedTest(name = "deflated: {0}")
    @ValueSource(booleans = {false, true})
    void aCommittedSnapshotReadsBackWithEveryRecordInOrderRowsIncluded(boolean deflate) {
        FileSnapshotStore store = new FileSnapshotStore(stateDir, deflate, new AtomicFiles());
        Snapshot big = bigSchool();

        store.commit(ESTAB, "kafka", "run-1", big);
        Snapshot read = store.committed(ESTAB, "kafka");

        assertSameRecords(read, big);
        assertThat(read.size(Entity.ROSTERS)).isGreaterThan(10_000);
        assertThat(read.estab()).isEqualTo(ESTAB);
    }

    @Test
    void aSinkWithNoPositionStartsFromAnEmptySnapshot() {
        FileSnapshotStore store = new FileSnapshotStore(stateDir);

        assertThat(store.committed(ESTAB, "kafka").isEmpty()).isTrue();
        assertThat(store.committed(ESTAB, "kafka").estab()).isEqualTo(ESTAB);
        assertThat(store.positions(ESTAB)).isEmpty();
    }

    @Test
    void twoSinksAtTheSameRunShareOneFileReadOnce() throws IOException {
        FileSnapshotStore store = new FileSnapshotStore(stateDir);

        store.commit(ESTAB, "kafka", "run-1", day1());
        store.commit(ESTAB, "csv", "run-1", day1());
        Map<String, Snapshot> committed = store.committed(ESTAB, List.of("kafka", "csv", "sftp-legacy"));

        assertThat(snapshotFiles()).containsExactly("run-1.snap");
        assertThat(committed.get("kafka")).isSameAs(committed.get("csv"));
        assertThat(committed.get("sftp-legacy").isEmpty()).isTrue();
        assertThat(store.positions(ESTAB)).isEqualTo(Map.of("kafka", "run-1", "csv", "run-1"));
    }

    @Test
    void sinksMoveOnIndependentlyAndSnapshotsNoPositionNamesAreRemoved() throws IOException {
        FileSnapshotStore store = new FileSnapshotStore(stateDir);
        store.commit(ESTAB, "kafka", "run-1", day1());
        store.commit(ESTAB, "csv", "run-1", day1());

        store.commit(ESTAB, "kafka", "run-2", day2());

        assertThat(snapshotFiles()).containsExactlyInAnyOrder("run-1.snap", "run-2.snap");
        assertSameRecords(store.committed(ESTAB, "kafka"), day2());
        assertSameRecords(store.committed(ESTAB, "csv"), day1());

        store.commit(ESTAB, "csv", "run-2", day2());

        assertThat(snapshotFiles()).containsExactly("run-2.snap");
    }

    @Test
    void aCrashBetweenWritingAndRenamingLeavesTheOldState() throws IOException {
        new FileSnapshotStore(stateDir).commit(ESTAB, "kafka", "run-1", day1());
        FileSnapshotStore crashing = new FileSnapshotStore(stateDir, false, new AtomicFiles(() -> {
            throw new SimulatedCrash();
        }));

        assertThatThrownBy(() -> crashing.commit(ESTAB, "kafka", "run-2", day2())).isInstanceOf(SimulatedCrash.class);

        FileSnapshotStore restarted = new FileSnapshotStore(stateDir);
        assertSameRecords(restarted.committed(ESTAB, "kafka"), day1());
        assertThat(restarted.positions(ESTAB)).isEqualTo(Map.of("kafka", "run-1"));
        assertThat(tempFiles()).as("the crash left its half-done file").isNotEmpty();

        restarted.commit(ESTAB, "kafka", "run-2", day2());

        assertSameRecords(restarted.committed(ESTAB, "kafka"), day2());
        assertThat(tempFiles()).as("cleaned by the next commit").isEmpty();
        assertThat(snapshotFiles()).containsExactly("run-2.snap");
    }

    @Test
    void aCrashBeforeThePositionMovesLeavesTheSinkWhereItWas() throws IOException {
        FileSnapshotStore store = new FileSnapshotStore(stateDir);
        store.commit(ESTAB, "kafka", "run-1", day1());
        AtomicInteger renames = new AtomicInteger();
        FileSnapshotStore crashing = new FileSnapshotStore(stateDir, false, new AtomicFiles(() -> {
            // the snapshot file lands, then the process dies before the positions file is replaced
            if (renames.incrementAndGet() == 2) {
                throw new SimulatedCrash();
            }
        }));

        assertThatThrownBy(() -> crashing.commit(ESTAB, "kafka", "run-2", day2())).isInstanceOf(SimulatedCrash.class);

        assertSameRecords(store.committed(ESTAB, "kafka"), day1());
        assertThat(snapshotFiles()).containsExactlyInAnyOrder("run-1.snap", "run-2.snap");
        store.commit(ESTAB, "kafka", "run-3", day2());
        assertThat(snapshotFiles()).containsExactly("run-3.snap");
    }

    @Test
    void aTruncatedSnapshotFileIsRejectedNamingTheFile() throws IOException {
        FileSnapshotStore store = new FileSnapshotStore(stateDir);
        store.commit(ESTAB, "kafka", "run-1", day1());
        Path file = store.snapshotFile(ESTAB, "run-1");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> store.committed(ESTAB, "kafka")).isInstanceOf(StateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated");
    }

    @ParameterizedTest(name = "deflated: {0}")
    @ValueSource(booleans = {false, true})
    void aDamagedByteInASnapshotFileIsDetected(boolean deflate) throws IOException {
        FileSnapshotStore store = new FileSnapshotStore(stateDir, deflate, new AtomicFiles());
        store.commit(ESTAB, "kafka", "run-1", day1());
        Path file = store.snapshotFile(ESTAB, "run-1");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(file, bytes);

        assertThatThrownBy(() -> store.committed(ESTAB, "kafka")).isInstanceOf(StateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("checksum");
    }

    @Test
    void aSnapshotFileThatWentMissingIsAClearErrorNotAnEmptyState() throws IOException {
        FileSnapshotStore store = new FileSnapshotStore(stateDir);
        store.commit(ESTAB, "kafka", "run-1", day1());
        Files.delete(store.snapshotFile(ESTAB, "run-1"));

        assertThatThrownBy(() -> store.committed(ESTAB, "kafka")).isInstanceOf(StateException.class)
                .hasMessageContaining("sink kafka is at run run-1").hasMessageContaining("missing");
    }

    @Test
    void aRunIdCommittedAgainWithOtherContentIsRefused() {
        FileSnapshotStore store = new FileSnapshotStore(stateDir);
        store.commit(ESTAB, "kafka", "run-1", day1());

        assertThatThrownBy(() -> store.commit(ESTAB, "csv", "run-1", day2())).isInstanceOf(StateException.class)
                .hasMessageContaining("run-1").hasMessageContaining("other content");
        assertThat(store.positions(ESTAB)).isEqualTo(Map.of("kafka", "run-1"));
    }

    @Test
    void schoolsCommittedInParallelKeepTheirOwnState() throws Exception {
        FileSnapshotStore store = new FileSnapshotStore(stateDir);
        List<String> schools = List.of("3281110", "3281102", "3281103", "3281104");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (String estab : schools) {
                for (String sink : List.of("kafka", "csv")) {
                    tasks.add(() -> {
                        for (int run = 1; run <= 5; run++) {
                            store.commit(estab, sink, "run-" + run, schoolSnapshot(estab, run));
                        }
                        return null;
                    });
                }
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        for (String estab : schools) {
            Map<String, Snapshot> committed = store.committed(estab, List.of("kafka", "csv"));
            assertThat(committed.get("kafka")).isSameAs(committed.get("csv"));
            assertSameRecords(committed.get("kafka"), schoolSnapshot(estab, 5));
            assertThat(store.positions(estab)).isEqualTo(Map.of("kafka", "run-5", "csv", "run-5"));
            try (Stream<Path> files = Files.list(store.schoolDir(estab).resolve("snapshots"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("run-5.snap");
            }
        }
    }

    private static Snapshot schoolSnapshot(String estab, int run) {
        Snapshot.Builder b = Snapshot.builder(estab);
        for (int i = 0; i < 200; i++) {
            b.add(RecordVersion.of(user("u" + i, "Pupil", estab + "-" + run)));
        }
        return b.build();
    }

    @Test
    void idsThatAreUnsafeAsFileNamesStayInsideTheStateDirectory() throws IOException {
        FileSnapshotStore store = new FileSnapshotStore(stateDir);
        Snapshot.Builder b = Snapshot.builder("../evil");
        b.add(RecordVersion.of(user("u1", "Ada", "Lovelace")));

        store.commit("../evil", "kafka/main", "2026-01-05T08:00:00Z", b.build());

        assertThat(store.positions("../evil")).isEqualTo(Map.of("kafka/main", "2026-01-05T08:00:00Z"));
        assertThat(store.committed("../evil", "kafka/main").size(Entity.USERS)).isEqualTo(1);
        try (Stream<Path> all = Files.walk(stateDir.getParent(), 1)) {
            assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("evil");
        }
        assertThat(FileSnapshotStore.fileName("../evil")).isEqualTo("%2E.%2Fevil");
        assertThat(FileSnapshotStore.fileName("2026-01-05T08:00:00Z")).isEqualTo("2026-01-05T08%3A00%3A00Z");
    }

    @Test
    void holdsAndApprovalsAreKeptPerSchoolAndListed() {
        FileSnapshotStore store = new FileSnapshotStore(stateDir);
        Verdict.Count count = new Verdict.Count(100, 40, 60);
        Hold hold = new Hold(ESTAB, "run-7", Instant.parse("2026-01-06T07:00:00Z"), "held because", count,
                Map.of(Entity.USERS, count));
        Hold other = new Hold("3281102", "run-3", Instant.parse("2026-01-06T07:05:00Z"), "also held", count, Map.of());

        store.recordHold(other);
        store.recordHold(hold);
        store.saveApproval(new Approval(ESTAB, "ops", Instant.parse("2026-01-06T09:00:00Z"), "run-7"));

        assertThat(store.pendingHold(ESTAB)).contains(hold);
        assertThat(store.pendingHolds()).containsExactly(other, hold);
        assertThat(store.approval(ESTAB)).hasValueSatisfying(a -> assertThat(a.approvedBy()).isEqualTo("ops"));
        assertThat(store.approval("3281102")).isEmpty();

        store.clearHold(ESTAB);
        store.consumeApproval(ESTAB);

        assertThat(store.pendingHolds()).containsExactly(other);
        assertThat(store.approval(ESTAB)).isEmpty();
    }

    private List<String> snapshotFiles() throws IOException {
        try (Stream<Path> files = Files.list(stateDir.resolve(ESTAB).resolve("snapshots"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
        }
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(AtomicFiles::isTemp).toList();
        }
    }

    private static final class SimulatedCrash extends RuntimeException {
    }
}
