package org.rosterbridge.sink.csv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.rosterbridge.model.Status;
import org.rosterbridge.sink.csv.CsvMapping.ValueType;

/** How values are written in a OneRoster v1.1 cell, and whether a cell's text has the form its column needs. */
final class CellFormat {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private CellFormat() {
    }

    /** The cell text of one value; line breaks become spaces, since many importers read a bundle line by line. */
    static String text(Object value) {
        if (value instanceof String s) {
            return s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : LINE_BREAK.matcher(s).replaceAll(" ");
        }
        if (value instanceof Instant i) {
            return dateTime(i);
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof Status s) {
            return s.wire();
        }
        return text(String.valueOf(value));
    }

    static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }

    /** Whether non-empty cell text has the form of its column's type. */
    static boolean valid(ValueType type, String text) {
        return switch (type) {
            case TEXT -> true;
            // the hand-written checks accept only what the pattern and the parser accept; the rest go to both
            case DATE -> text.length() == 10 && plainDate(text, 0)
                    || DATE.matcher(text).matches() && parses(() -> LocalDate.parse(text));
            case DATETIME -> plainDateTime(text)
                    || DATE_TIME_TEXT.matcher(text).matches() && parses(() -> Instant.parse(text));
            case YEAR -> text.length() == 4 && digits(text, 0, 4);
            case BOOLEAN -> text.equals("true") || text.equals("false");
            case STATUS -> text.equals("active") || text.equals("tobedeleted");
        };
    }

    /** What a cell of the type looks like, for problem messages. */
    static String expected(ValueType type) {
        return switch (type) {
            case TEXT -> "text";
            case DATE -> "a date YYYY-MM-DD";
            case DATETIME -> "a UTC date-time YYYY-MM-DDTHH:MM:SS.sssZ";
            case YEAR -> "a year YYYY";
            case BOOLEAN -> "true or false";
            case STATUS -> "active or tobedeleted";
        };
    }

    /** {@code YYYY-MM-DD} at {@code from}, a day that exists: written by hand, a regex and a parse per cell cost. */
    private static boolean plainDate(String t, int from) {
        if (t.length() < from + 10 || t.charAt(from + 4) != '-' || t.charAt(from + 7) != '-'
                || !digits(t, from, 4) || !digits(t, from + 5, 2) || !digits(t, from + 8, 2)) {
            return false;
        }
        int year = number(t, from, 4);
        int month = number(t, from + 5, 2);
        int day = number(t, from + 8, 2);
        return month >= 1 && month <= 12 && day >= 1 && day <= Month.of(month).length(Year.isLeap(year));
    }

    /** {@code YYYY-MM-DDTHH:MM:SS.sssZ} with an existing day and a time of day without a leap second. */
    private static boolean plainDateTime(String t) {
        return t.length() == 24 && plainDate(t, 0) && t.charAt(10) == 'T' && t.charAt(13) == ':'
                && t.charAt(16) == ':' && t.charAt(19) == '.' && t.charAt(23) == 'Z' && digits(t, 11, 2)
                && digits(t, 14, 2) && digits(t, 17, 2) && digits(t, 20, 3) && number(t, 11, 2) <= 23
                && number(t, 14, 2) <= 59 && number(t, 17, 2) <= 59;
    }

    private static boolean digits(String t, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String t, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            n = n * 10 + t.charAt(i) - '0';
        }
        return n;
    }

    static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
