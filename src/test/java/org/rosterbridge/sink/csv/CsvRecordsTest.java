package org.rosterbridge.sink.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.simulator.GeneratedSnapshots;
import org.rosterbridge.simulator.SimulatedSchool;

/** The validator's own reading of a CSV file gives commons-csv's records, or leaves the file to commons-csv. */
class CsvRecordsTest {

    @Test
    void everyFileOfGeneratedBundlesReadsAsCommonsCsvReadsIt() {
        SimulatedSchool school = SimulatedSchool.numbered(1, "rp", 300, 30, 3).get(0);
        Snapshot snapshot = GeneratedSnapshots.dayTwo(school);
        for (FormulaGuard guard : FormulaGuard.values()) {
            CsvBundle bundle = new BundleWriter(CsvMapping.standard(), guard, "Rosterbridge", "rb")
                    .bulk(school.estab(), BundleWriterTest.RUN, snapshot);
            for (Map.Entry<String, String> file : Bundles.unzip(bundle.zip()).entrySet()) {
                byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
                assertThat(CsvRecords.fast(bytes)).as(file.getKey()).isNotNull();
                assertThat(read(CsvRecords.fast(bytes))).as(file.getKey()).isEqualTo(commons(bytes));
            }
        }
    }

    @Test
    void plainRfc4180ReadsAsCommonsCsvReadsIt() {
        for (String text : List.of("", "a", "a,b\r\n", "a,b\n", "a,b", "a,,b\r\n,\r\n", "\r\n", "a\r\n\r\nb\r\n",
                "\"\"\r\n", "\"a,b\",\"say \"\"hi\"\"\"\r\n", "\"line\r\nbreak\",x\n", "\"\"\"\",\"\"\"\"\"\"\r\n",
                "Zoë,李\r\n", "\"end\"", "x,\"\"")) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(CsvRecords.fast(bytes)).as(text).isNotNull();
            assertThat(read(CsvRecords.fast(bytes))).as(text).isEqualTo(commons(bytes));
        }
    }

    @Test
    void whatOnlyCommonsCsvShouldJudgeIsLeftToIt() {
        for (String text : List.of("a\rb", "\"open", "\"a\"b,c", "a\"b,c", "\"a\" ,b", "a,", "a,b\r", "x,\"y\"z")) {
            assertThat(CsvRecords.fast(text.getBytes(StandardCharsets.UTF_8))).as(text).isNull();
        }
    }

    private static List<List<String>> read(CsvRecords records) {
        List<List<String>> out = new ArrayList<>();
        for (int n = 0; n < records.size(); n++) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < records.cells(n); i++) {
                cells.add(records.cell(n, i));
                assertThat(records.empty(n, i)).isEqualTo(records.cell(n, i).isEmpty());
            }
            out.add(cells);
        }
        return out;
    }

    private static List<List<String>> commons(byte[] bytes) {
        try (CSVParser p = CSVParser.parse(new String(bytes, StandardCharsets.UTF_8), BundleWriter.FORMAT)) {
            return read(CsvRecords.of(p.getRecords()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
