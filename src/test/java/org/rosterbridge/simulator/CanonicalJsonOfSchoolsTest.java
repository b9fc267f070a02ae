package org.rosterbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rosterbridge.join.RosterJoin;
import org.rosterbridge.model.CanonicalJson;
import org.rosterbridge.model.DatabindCanonicalJson;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.Snapshot;

/**
 * The hand-written canonical JSON of every record and roster row of generated schools, day one and day two, is
 * byte for byte what Jackson's databind wrote (stored fingerprints are hashes of those bytes), and reads back as
 * databind read it.
 */
class CanonicalJsonOfSchoolsTest {

    static Stream<SimulatedSchool> schools() {
        SimulatedSchool base = SimulatedSchool.secondary("3281110", "demo-rp", "s3cret", "Ysgol Bro Dinefwr")
                .withSize(300, 30);
        return Stream.of(base, base.withShape(RecordShape.STANDARD), base.withSeed(42).withLocalAuthority(false),
                base.withSeed(7).withShape(RecordShape.STANDARD).withSize(150, 15));
    }

    @ParameterizedTest
    @MethodSource("schools")
    void everyRecordAndRosterRowIsWrittenAsDatabindWroteIt(SimulatedSchool school) {
        ServedSchool served = new ServedSchool(school);
        Snapshot dayOne = new RosterJoin().build(SimulatedRecords.snapshot(served)).staged();
        served.applyDayTwo();
        Snapshot dayTwo = new RosterJoin().join(dayOne, SimulatedRecords.snapshot(served)).staged();

        int compared = 0;
        for (Snapshot snapshot : List.of(dayOne, dayTwo)) {
            for (Entity entity : Entity.values()) {
                assertThat(snapshot.records(entity)).as("%s %s", school, entity).isNotEmpty();
                for (RecordVersion v : snapshot.records(entity).values()) {
                    assertThat(new String(v.json(), StandardCharsets.ISO_8859_1)).as("%s", v)
                            .isEqualTo(new String(DatabindCanonicalJson.write(v.record()), StandardCharsets.ISO_8859_1));
                    assertThat(CanonicalJson.read(entity, v.json())).as("%s", v)
                            .isEqualTo(DatabindCanonicalJson.read(entity, v.json()))
                            .isEqualTo(v.record());
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(2 * school.pupils());
    }
}
