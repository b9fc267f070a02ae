package org.rosterbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.change.SchoolData;
import org.rosterbridge.sink.csv.BundleWriter;
import org.rosterbridge.sink.csv.Bundles;
import org.rosterbridge.sink.csv.CsvMapping;
import org.rosterbridge.sink.csv.FormulaGuard;
import picocli.CommandLine;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private record Outcome(int code, String out) {
    }

    private Outcome validate(Path zip) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new RosterbridgeCommand()).execute("validate", zip.toString());
            return new Outcome(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static byte[] goodBundle() {
        return new BundleWriter(CsvMapping.standard(), FormulaGuard.PREFIX, "Rosterbridge", "rb").bulk(
                SchoolData.ESTAB, Instant.parse("2026-03-02T06:30:15Z"),
                SchoolData.snapshot(SchoolData.secondarySchool(3))).zip();
    }

    @Test
    void aValidBundleExitsZero() throws Exception {
        Path zip = Files.write(dir.resolve("good.zip"), goodBundle());

        Outcome o = validate(zip);

        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("good.zip: valid OneRoster v1.1 CSV bundle");
    }

    @Test
    void aBrokenBundlePrintsEachProblemAndExitsOne() throws Exception {
        Map<String, String> files = new LinkedHashMap<>(Bundles.unzip(goodBundle()));
        files.put("manifest.csv", files.get("manifest.csv").replace("manifest.version,1.0", "manifest.version,1"));
        files.remove("courses.csv");
        Path zip = Files.write(dir.resolve("broken.zip"), Bundles.zip(files));

        Outcome o = validate(zip);

        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out()).contains("manifest.csv: manifest.version is '1', not literally 1.0")
                .contains("manifest.csv: file.courses is bulk but courses.csv is not in the zip")
                .contains("broken.zip: 2 problems");
    }
}
