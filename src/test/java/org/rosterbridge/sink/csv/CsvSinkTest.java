package org.rosterbridge.sink.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rosterbridge.change.SchoolData.ESTAB;
import static org.rosterbridge.change.SchoolData.T0;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.change.ChangeDetector;
import org.rosterbridge.change.ChangeSettings;
import org.rosterbridge.change.FileSnapshotStore;
import org.rosterbridge.change.MassChangeGuard;
import org.rosterbridge.change.SchoolData;
import org.rosterbridge.config.Settings;
import org.rosterbridge.model.GuidRef;
import org.rosterbridge.model.OneRosterRecord;
import org.rosterbridge.model.Org;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;
import org.rosterbridge.model.User;
import org.rosterbridge.sync.Delivery;
import org.rosterbridge.sync.RunReport;
import org.rosterbridge.sync.Runs;
import org.rosterbridge.sync.SchoolRun;
import org.rosterbridge.sync.SyncSettings;

/** The sink's bean as the route calls it: which bundles a delivery gets, and what the run report learns. */
class CsvSinkTest {
    @TempDir
    Path dir;

    private Exchange exchangeInARun(Delivery d) {
        FileSnapshotStore store = new FileSnapshotStore(dir);
        Runs runs = new Runs(SyncSettings.from(Settings.of(Map.of())), List.of(d.school()), store,
                new ChangeDetector(), new MassChangeGuard(ChangeSettings.defaults(), store), Clock.systemUTC());
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(d.school());
        runs.begin(exchange);
        exchange.getIn().setBody(d);
        return exchange;
    }

    private static CsvSink sink(String mode) {
        return new CsvSink(CsvSinkSettings.from(Settings.of(Map.of("csv.mode", mode))), CsvMapping.standard());
    }

    @Test
    void aRecordLeftOutIsAWarningOfTheRunByIdOnly() {
        List<OneRosterRecord> records = BundleWriterTest.small();
        User u = SchoolData.user("u0", "Pupil", "Number0");
        records.replaceAll(r -> r.sourcedId().equals("u0") ? new User("u0", Status.ACTIVE, T0, null, u.userIds(),
                true, u.givenName(), u.familyName(), null, "student", null, null, null, null, u.orgs(), List.of(),
                List.of(), Map.of()) : r);
        Delivery d = SftpDeliveryIT.delivery(Instant.parse("2026-03-02T06:30:15Z"), Snapshot.empty(ESTAB),
                SchoolData.snapshot(records));
        Exchange exchange = exchangeInARun(d);

        List<CsvBundle> bundles = sink("bulk").bundles(exchange);

        assertThat(bundles).extracting(CsvBundle::mode).containsExactly(BundleMode.BULK);
        RunReport report = exchange.getProperty(Runs.RUN, SchoolRun.class).report(Instant.now());
        assertThat(report.warnings()).singleElement().asString()
                .startsWith("csv bulk: users: 1 left out (u0: no username)")
                .contains("enrollments: 1 left out (e0: user u0 is not in the bundle)")
                .doesNotContain("Pupil").doesNotContain("Number0");
    }

    @Test
    void bothGivesBulkThenDeltaAndADeltaWithoutChangesIsNotWritten() {
        Snapshot school = SchoolData.snapshot(BundleWriterTest.small());
        Delivery first = SftpDeliveryIT.delivery(Instant.parse("2026-03-02T06:30:15Z"), Snapshot.empty(ESTAB), school);
        Delivery unchanged = SftpDeliveryIT.delivery(Instant.parse("2026-03-03T06:30:15Z"), school, school);
        CsvSink sink = sink("both");

        assertThat(sink.bundles(exchangeInARun(first))).extracting(CsvBundle::mode)
                .containsExactly(BundleMode.BULK, BundleMode.DELTA);
        assertThat(sink.bundles(exchangeInARun(unchanged))).extracting(CsvBundle::mode)
                .containsExactly(BundleMode.BULK);
    }

    @Test
    void aBundleThatFailsValidationIsRejectedWithItsProblemsAndNeverDelivered() {
        // an org id with a comma: one id to the writer, two list items to any reader of orgSourcedIds
        List<OneRosterRecord> records = new ArrayList<>(BundleWriterTest.small());
        records.add(new Org("la,north", Status.ACTIVE, T0, "North LA", "local", null, null,
                List.of(), Map.of()));
        records.add(new User("u-la", Status.ACTIVE, T0, "officer", List.of(), true, "Officer", "Example", null,
                "administrator", null, null, null, null, List.of(GuidRef.of("la,north", "org")),
                List.of(), List.of(), Map.of()));
        Delivery d = SftpDeliveryIT.delivery(Instant.parse("2026-03-02T06:30:15Z"), Snapshot.empty(ESTAB),
                SchoolData.snapshot(records));

        assertThatThrownBy(() -> sink("bulk").bundles(exchangeInARun(d)))
                .isInstanceOf(BundleRejectedException.class)
                .hasMessageStartingWith("bulk bundle oneroster-3281110-20260302T063015Z-bulk.zip failed validation "
                        + "and was not delivered (2 problems)")
                .hasMessageContaining("users.csv line 7: orgSourcedIds la is not in orgs.csv")
                .hasMessageNotContaining("Officer");
    }
}
