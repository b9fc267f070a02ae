package org.rosterbridge.sink.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rosterbridge.sink.csv.CsvMapping.ValueType;

/** Dates, date-times and years are accepted exactly when their pattern matches and the JDK parses them. */
class CellFormatTest {

    @Test
    void aDateIsValidExactlyWhenItMatchesYyyyMmDdAndTheDayExists() {
        List<String> texts = new ArrayList<>(List.of("", "2025-9-01", "2025-09-1", "2025/09/01", "20250901",
                "2025-09-01 ", " 2025-09-01", "+2025-09-01", "2025-09-01x", "２０２５-09-01", "0000-01-01",
                "9999-12-31", "-001-01-01", "2025-0a-01"));
        for (int year : new int[] {1900, 1999, 2000, 2024, 2025, 2100}) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    texts.add(String.format("%04d-%02d-%02d", year, month, day));
                }
            }
        }
        for (String t : texts) {
            boolean expected = t.matches("\\d{4}-\\d{2}-\\d{2}") && CellFormat.parses(() -> LocalDate.parse(t));
            assertThat(CellFormat.valid(ValueType.DATE, t)).as(t).isEqualTo(expected);
        }
    }

    @Test
    void aDateTimeIsValidExactlyWhenItMatchesTheUtcFormAndTheInstantParses() {
        List<String> texts = new ArrayList<>(List.of("", "2026-01-05T08:00:00Z", "2026-01-05T08:00:00.000",
                "2026-01-05T08:00:00.000+00:00", "2026-01-05 08:00:00.000Z", "2026-02-30T08:00:00.000Z",
                "2026-01-05T08:00:00.0000Z", "2016-12-31T23:59:60.000Z", "2026-01-05T24:00:00.000Z"));
        for (int hour : new int[] {0, 9, 23, 24, 25}) {
            for (int minute : new int[] {0, 59, 60}) {
                for (int second : new int[] {0, 30, 59, 60, 61}) {
                    texts.add(String.format("2024-02-29T%02d:%02d:%02d.123Z", hour, minute, second));
                    texts.add(String.format("2023-02-29T%02d:%02d:%02d.123Z", hour, minute, second));
                }
            }
        }
        for (String t : texts) {
            boolean expected = t.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z")
                    && CellFormat.parses(() -> Instant.parse(t));
            assertThat(CellFormat.valid(ValueType.DATETIME, t)).as(t).isEqualTo(expected);
        }
    }

    @Test
    void aYearIsFourAsciiDigits() {
        for (String t : List.of("2026", "0000", "202", "20261", "２０２６", "20a6", "")) {
            assertThat(CellFormat.valid(ValueType.YEAR, t)).as(t).isEqualTo(t.matches("\\d{4}"));
        }
    }
}
