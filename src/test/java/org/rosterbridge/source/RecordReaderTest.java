package org.rosterbridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.rosterbridge.model.CanonicalJson;
import org.rosterbridge.model.Enrollment;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.GuidRef;
import org.rosterbridge.model.OneRosterRecord;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.SchoolClass;
import org.rosterbridge.model.Status;
import org.rosterbridge.model.User;
import org.rosterbridge.model.UserId;

class RecordReaderTest {

    private static OneRosterRecord read(Entity entity, String json) throws IOException {
        try (JsonParser p = CanonicalJson.mapper().createParser(json.replace('\'', '"'))) {
            p.nextToken();
            return RecordReader.read(entity, p);
        }
    }

    @Test
    void readsXporterUserShapeWithOrgSourcedIdsAndStringFlags() throws IOException {
        User u = (User) read(Entity.USERS, """
                {'sourcedId':'x42Y7TNMV','status':'active','dateLastModified':'2026-09-01T08:00:00Z',
                 'username':'zoe.oconnor','givenName':'Zoë','familyName':'O\\u2019Connor','identifier':'4711',
                 'role':'student','enabledUser':'true','orgSourcedIds':['x1SCHOOL'],
                 'userIds':[{'type':'UPN','identifier':'A123456789012'}],'grades':['Year 9']}""");
        assertThat(u.sourcedId()).isEqualTo("x42Y7TNMV");
        assertThat(u.status()).isEqualTo(Status.ACTIVE);
        assertThat(u.dateLastModified()).isEqualTo(Instant.parse("2026-09-01T08:00:00Z"));
        assertThat(u.enabledUser()).isTrue();
        assertThat(u.givenName()).isEqualTo("Zoë");
        assertThat(u.orgs()).containsExactly(new GuidRef("x1SCHOOL", "org"));
        assertThat(u.userIds()).containsExactly(new UserId("UPN", "A123456789012"));
        assertThat(u.grades()).containsExactly("Year 9");
    }

    @Test
    void standardAndXporterShapesOfTheSameUserAreTheSameCanonicalRecord() throws IOException {
        OneRosterRecord xporter = read(Entity.USERS, """
                {'sourcedId':'u1','status':'active','username':'a','givenName':'A','familyName':'B',
                 'identifier':'1','role':'teacher','enabledUser':'false','orgSourcedIds':['o1','o2']}""");
        OneRosterRecord standard = read(Entity.USERS, """
                {'sourcedId':'u1','status':'active','username':'a','givenName':'A','familyName':'B',
                 'identifier':'1','role':'teacher','enabledUser':false,
                 'orgs':[{'href':'https://x/orgs/o1','sourcedId':'o1','type':'org'},
                         {'href':'not a url','sourcedId':'o2','type':'org'}]}""");
        assertThat(RecordVersion.of(xporter).fingerprint()).isEqualTo(RecordVersion.of(standard).fingerprint());
        assertThat(new String(RecordVersion.of(xporter).json())).doesNotContain("href");
    }

    @Test
    void inactiveIsReadAsTobedeletedAndAbsentStatusAsActive() throws IOException {
        assertThat(read(Entity.ORGS, "{'sourcedId':'o1','status':'inactive','name':'N','type':'school'}").status())
                .isEqualTo(Status.TOBEDELETED);
        assertThat(read(Entity.ORGS, "{'sourcedId':'o1','name':'N','type':'school'}").status())
                .isEqualTo(Status.ACTIVE);
        assertThat(read(Entity.ORGS, "{'sourcedId':'o1','status':'TobeDeleted'}").status())
                .isEqualTo(Status.TOBEDELETED);
    }

    @Test
    void unknownFieldsAreKeptInMetadataAndTheRecordsOwnMetadataWinsAClash() throws IOException {
        OneRosterRecord r = read(Entity.CLASSES, """
                {'sourcedId':'c1','title':'9X/Ma1','xporterTimetableId':42,'colour':'red',
                 'metadata':{'colour':'blue','room':{'site':'Main'}}}""");
        assertThat(r.metadata()).containsEntry("xporterTimetableId", 42).containsEntry("colour", "blue");
        assertThat(r.metadata().get("room")).isEqualTo(java.util.Map.of("site", "Main"));
    }

    @Test
    void enrollmentFlagsDatesAndRefsInEitherShape() throws IOException {
        Enrollment e = (Enrollment) read(Entity.ENROLLMENTS, """
                {'sourcedId':'e1','user':{'sourcedId':'u1','type':'user'},'class':{'sourcedId':'c1'},
                 'school':{'sourcedId':'s1','type':'org'},'role':'student','primary':'FALSE',
                 'beginDate':'2026-09-01','endDate':'2027-07-20T00:00:00Z'}""");
        assertThat(e.user()).isEqualTo(new GuidRef("u1", "user"));
        assertThat(e.schoolClass()).isEqualTo(new GuidRef("c1", "class"));
        assertThat(e.primary()).isFalse();
        assertThat(e.beginDate()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(e.endDate()).isEqualTo(LocalDate.of(2027, 7, 20));

        Enrollment csvStyle = (Enrollment) read(Entity.ENROLLMENTS,
                "{'sourcedId':'e1','userSourcedId':'u1','classSourcedId':'c1','schoolSourcedId':'s1','role':'student'}");
        assertThat(csvStyle.user()).isEqualTo(new GuidRef("u1", "user"));
        assertThat(csvStyle.school()).isEqualTo(new GuidRef("s1", "org"));
    }

    @Test
    void nullsAndEmptyValuesAreAbsent() throws IOException {
        SchoolClass c = (SchoolClass) read(Entity.CLASSES,
                "{'sourcedId':'c1','title':'T','location':null,'classCode':'','terms':[],'course':null}");
        assertThat(c.location()).isNull();
        assertThat(c.classCode()).isNull();
        assertThat(c.terms()).isEmpty();
        assertThat(new String(RecordVersion.of(c).json())).isEqualTo("{\"sourcedId\":\"c1\",\"status\":\"active\",\"title\":\"T\"}");
    }

    @Test
    void valuesThatFitNoDocumentedShapeAreRejectedWithTheField() {
        assertThatThrownBy(() -> read(Entity.USERS, "{'sourcedId':'u1','enabledUser':'maybe'}"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("enabledUser");
        assertThatThrownBy(() -> read(Entity.USERS, "{'sourcedId':'u1','givenName':{'first':'A'}}"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("givenName");
        assertThatThrownBy(() -> read(Entity.USERS, "{'status':'active'}"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("sourcedId");
        assertThatThrownBy(() -> read(Entity.USERS, "{'sourcedId':'u1','status':'gone'}"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("gone");
    }

    @Test
    void dateLastModifiedAloneDoesNotChangeTheFingerprint() throws IOException {
        var a = RecordVersion.of(read(Entity.ORGS,
                "{'sourcedId':'o1','dateLastModified':'2026-01-01T00:00:00Z','name':'N','type':'school'}"));
        var b = RecordVersion.of(read(Entity.ORGS,
                "{'sourcedId':'o1','dateLastModified':'2026-02-01T00:00:00.123Z','name':'N','type':'school'}"));
        var c = RecordVersion.of(read(Entity.ORGS,
                "{'sourcedId':'o1','dateLastModified':'2026-02-01T00:00:00Z','name':'M','type':'school'}"));
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
        assertThat(a.fingerprint()).isNotEqualTo(c.fingerprint());
    }

    @Test
    void timestampsAndDatesReadAsTheJavaTimeParsersReadThem() {
        for (String t : new String[] {"2026-01-05T06:00:00Z", "2026-01-05T06:00:00.000Z", "2026-01-05T06:00:00.1Z",
                "2024-02-29T23:59:59.123456789Z", "1999-12-31T00:00:07.05Z"}) {
            assertThat(RecordReader.instant(t)).as(t).isEqualTo(Instant.parse(t));
        }
        // other shapes still go through the formatters: an offset, no zone, a date alone
        assertThat(RecordReader.instant("2026-01-05T07:00:00+01:00")).isEqualTo(Instant.parse("2026-01-05T06:00:00Z"));
        assertThat(RecordReader.instant("2026-01-05T06:00:00")).isEqualTo(Instant.parse("2026-01-05T06:00:00Z"));
        assertThat(RecordReader.instant("2026-01-05")).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(RecordReader.instant("2026-02-30T06:00:00Z")).isNull();
        assertThat(RecordReader.instant("yesterday")).isNull();

        assertThat(RecordReader.date("2025-09-03")).isEqualTo(LocalDate.of(2025, 9, 3));
        assertThat(RecordReader.date("2025-09-03T00:00:00Z")).isEqualTo(LocalDate.of(2025, 9, 3));
        assertThat(RecordReader.date("2025-02-29")).isNull();
        assertThat(RecordReader.date("2025-9-3")).isNull();
        assertThat(RecordReader.date("03/09/2025")).isNull();
    }

    @Test
    void enrollmentsOfOnePullHoldTheValuesTheyRepeatOnce() throws IOException {
        SharedValues shared = new SharedValues();
        String shape = "{'sourcedId':'%s','status':'active','dateLastModified':'2026-09-01T08:00:00Z',"
                + "'role':'student','userSourcedId':'%s','classSourcedId':'c1','schoolSourcedId':'s1',"
                + "'beginDate':'2026-09-01'}";
        Enrollment first = (Enrollment) read(Entity.ENROLLMENTS, shape.formatted("e1", "u1"), shared);
        Enrollment second = (Enrollment) read(Entity.ENROLLMENTS, shape.formatted("e2", "u2"), shared);

        assertThat(second.schoolClass()).isSameAs(first.schoolClass()).isEqualTo(new GuidRef("c1", "class"));
        assertThat(second.school()).isSameAs(first.school()).isEqualTo(new GuidRef("s1", "org"));
        assertThat(second.role()).isSameAs(first.role());
        assertThat(second.beginDate()).isSameAs(first.beginDate());
        assertThat(second.dateLastModified()).isSameAs(first.dateLastModified());
        assertThat(second.user()).isEqualTo(new GuidRef("u2", "user"));
        // sharing changes where values live, never what a record is
        assertThat(RecordVersion.of(second).json()).isEqualTo(RecordVersion.of(
                read(Entity.ENROLLMENTS, shape.formatted("e2", "u2"))).json());
    }

    private static OneRosterRecord read(Entity entity, String json, SharedValues shared) throws IOException {
        try (JsonParser p = CanonicalJson.mapper().createParser(json.replace('\'', '"'))) {
            p.nextToken();
            return RecordReader.read(entity, p, shared);
        }
    }
}
