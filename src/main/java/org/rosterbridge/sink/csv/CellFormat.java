package org.rosterbridge.sink.csv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.rosterbridge.model.IsoTimes;
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
            // IsoTimes reads the usual shapes without a regex or a parse per cell; anything else goes to both
            case DATE -> text.length() == 10 && IsoTimes.date(text) != null
                    || DATE.matcher(text).matches() && parses(() -> LocalDate.parse(text));
            case DATETIME -> text.length() == 24 && text.charAt(19) == '.' && IsoTimes.utcInstant(text) != null
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

    private static boolean digits(String t, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
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
