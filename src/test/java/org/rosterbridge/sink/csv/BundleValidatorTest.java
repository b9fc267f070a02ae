package org.rosterbridge.sink.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rosterbridge.change.SchoolData.ESTAB;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.rosterbridge.change.ChangeDetector;
import org.rosterbridge.change.SchoolData;
import org.rosterbridge.model.Snapshot;

/** Each rule on its own: a good bundle with one thing broken gives exactly the problem that names it. */
class BundleValidatorTest {
    private static final CsvMapping MAPPING = CsvMapping.standard();
    private static final BundleWriter WRITER = new BundleWriter(MAPPING, FormulaGuard.PREFIX, "Rosterbridge", "rb");
    private static final Snapshot SCHOOL = SchoolData.snapshot(BundleWriterTest.small());
    private final BundleValidator validator = new BundleValidator(MAPPING);

    private static Map<String, String> bulk() {
        return new LinkedHashMap<>(Bundles.unzip(WRITER.bulk(ESTAB, BundleWriterTest.RUN, SCHOOL).zip()));
    }

    private static Map<String, String> delta() {
        return new LinkedHashMap<>(Bundles.unzip(WRITER.delta(ESTAB, BundleWriterTest.RUN,
                new ChangeDetector().detect(Snapshot.empty(ESTAB), SCHOOL).changes()).zip()));
    }

    private List<String> problems(Map<String, String> files) {
        return validator.validate(Bundles.zip(files)).stream().map(BundleValidator.Problem::toString).toList();
    }

    private List<String> problemsAfter(Map<String, String> files, String file, Consumer<StringBuilder> edit) {
        StringBuilder b = new StringBuilder(files.get(file));
        edit.accept(b);
        files.put(file, b.toString());
        return problems(files);
    }

    private static void replace(StringBuilder b, String from, String to) {
        int i = b.indexOf(from);
        assertThat(i).as("'" + from + "' in the file").isGreaterThanOrEqualTo(0);
        b.replace(i, i + from.length(), to);
    }

    @Test
    void theGatewaysOwnBulkAndDeltaBundlesPass() {
        assertThat(problems(bulk())).isEmpty();
        assertThat(problems(delta())).isEmpty();
    }

    @Test
    void headersMustBeExactAndInOrder() {
        assertThat(problemsAfter(bulk(), "orgs.csv", b -> replace(b, "name,type", "type,name")))
                .containsExactly("orgs.csv line 1: header is not exactly sourcedId,status,dateLastModified,name,"
                        + "type,identifier,parentSourcedId; the columns are out of order");
    }

    @Test
    void everyColumnMustBePresent() {
        assertThat(problemsAfter(bulk(), "users.csv", b -> replace(b, ",password\r\n", "\r\n")))
                .singleElement().asString().contains("users.csv line 1").contains("missing [password]");
    }

    @Test
    void everyRowHasACellPerColumn() {
        assertThat(problemsAfter(bulk(), "classes.csv", b -> replace(b, "\r\nc1,", "\r\nc1,extra,")))
                .containsExactly("classes.csv line 2: has 15 cells, not 14");
    }

    @Test
    void requiredValuesMustBeThere() {
        assertThat(problemsAfter(bulk(), "users.csv", b -> replace(b, "pupil.u1", "")))
                .containsExactly("users.csv line 3: username is required (u1)");
    }

    @Test
    void enumerationsAreExactAndLowerCase() {
        assertThat(problemsAfter(bulk(), "enrollments.csv", b -> replace(b, ",student,", ",Student,")))
                .containsExactly("enrollments.csv line 2: role 'Student' is not one of [administrator, proctor, "
                        + "student, teacher] (e0)");
    }

    @Test
    void datesAreYearMonthDay() {
        assertThat(problemsAfter(bulk(), "academicSessions.csv", b -> replace(b, "2025-12-19", "19/12/2025")))
                .containsExactly("academicSessions.csv line 2: endDate is not a date YYYY-MM-DD (term-1)");
    }

    @Test
    void dateTimesAreUtcWithMilliseconds() {
        assertThat(problemsAfter(delta(), "orgs.csv", b -> replace(b, "2026-01-05T08:00:00.000Z",
                "2026-01-05T08:00:00Z"))).containsExactly("orgs.csv line 2: dateLastModified '2026-01-05T08:00:00Z' "
                + "is not a UTC date-time YYYY-MM-DDTHH:MM:SS.sssZ (org-3281110)");
    }

    @Test
    void schoolYearIsFourDigits() {
        assertThat(problemsAfter(bulk(), "academicSessions.csv", b -> replace(b, ",2026\r\n", ",2025/26\r\n")))
                .singleElement().asString().endsWith("schoolYear is not a year YYYY (term-1)");
    }

    @Test
    void booleansAreLowerCaseTrueOrFalse() {
        assertThat(problemsAfter(bulk(), "users.csv", b -> replace(b, "\r\nu0,,,true,", "\r\nu0,,,TRUE,")))
                .containsExactly("users.csv line 2: enabledUser is not true or false (u0)");
    }

    @Test
    void sourcedIdsAreUniqueInAFile() {
        assertThat(problemsAfter(bulk(), "enrollments.csv", b -> replace(b, "\r\ne1,", "\r\ne0,")))
                .containsExactly("enrollments.csv line 3: sourcedId e0 appears more than once");
    }

    @Test
    void aBulkBundlesReferencesResolveInsideIt() {
        assertThat(problemsAfter(bulk(), "enrollments.csv", b -> replace(b, ",u3,", ",u-elsewhere,")))
                .containsExactly("enrollments.csv line 5: userSourcedId u-elsewhere is not in users.csv");
    }

    @Test
    void aDeltaMayReferToRecordsOfEarlierBundles() {
        assertThat(problemsAfter(delta(), "enrollments.csv", b -> replace(b, ",u3,", ",u-elsewhere,"))).isEmpty();
    }

    @Test
    void theManifestIsRequired() {
        Map<String, String> files = bulk();
        files.remove("manifest.csv");
        assertThat(problems(files)).containsExactly("manifest.csv: is missing: every bundle needs a manifest");
    }

    @Test
    void manifestVersionIsLiterallyOnePointZero() {
        assertThat(problemsAfter(bulk(), "manifest.csv", b -> replace(b, "manifest.version,1.0", "manifest.version,1")))
                .containsExactly("manifest.csv: manifest.version is '1', not literally 1.0");
    }

    @Test
    void aFileTheManifestShipsMustBeInTheZip() {
        Map<String, String> files = bulk();
        files.remove("courses.csv");
        assertThat(problems(files)).contains("manifest.csv: file.courses is bulk but courses.csv is not in the zip");
    }

    @Test
    void aFileTheManifestCallsAbsentMustNotBeInTheZip() {
        Map<String, String> files = bulk();
        files.put("categories.csv", "sourcedId,status,dateLastModified,title\r\n");
        assertThat(problems(files)).containsExactly("manifest.csv: file.categories is absent but categories.csv is "
                + "in the zip");
    }

    @Test
    void aBulkRowHasNoStatusOrDateLastModified() {
        assertThat(problemsAfter(bulk(), "classes.csv", b -> replace(b, "\r\nc1,,,", "\r\nc1,active,,")))
                .containsExactly("classes.csv line 2: status must be blank in a bulk file (c1)");
    }

    @Test
    void aDeltaRowHasItsStatusAndDateLastModified() {
        assertThat(problemsAfter(delta(), "classes.csv", b -> replace(b, "\r\nc1,active,", "\r\nc1,,")))
                .containsExactly("classes.csv line 2: status must be filled in a delta file (c1)");
    }

    @Test
    void filesAreAtTheZipsRoot() {
        Map<String, String> files = bulk();
        files.put("export/orgs.csv", files.remove("orgs.csv"));
        assertThat(problems(files)).contains("export/orgs.csv: is not at the zip's root: consumers read files only "
                + "from there", "manifest.csv: file.orgs is bulk but orgs.csv is not in the zip");
    }

    @Test
    void filesAreUtf8WithoutAByteOrderMark() {
        assertThat(problemsAfter(bulk(), "orgs.csv", b -> b.insert(0, '\uFEFF')))
                .containsExactly("orgs.csv: starts with a byte-order mark: write UTF-8 without one");
    }

    @Test
    void namesAreCaseSensitive() {
        Map<String, String> files = bulk();
        files.put("Users.csv", files.remove("users.csv"));
        assertThat(problems(files)).contains("Users.csv: is not a OneRoster v1.1 file (names are case-sensitive)");
    }

    @Test
    void somethingThatIsNotAZipIsOneProblem() {
        assertThat(validator.validate("sourcedId,name\r\n".getBytes(StandardCharsets.UTF_8)))
                .extracting(BundleValidator.Problem::toString).containsExactly("(zip): is empty or not a zip");
    }
}
