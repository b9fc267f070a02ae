package org.rosterbridge.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 dates and UTC instants in the one shape Xporter and the canonical form use, read by hand: a
 * {@code java.time} formatter cost more than the rest of a record's fields together, and both the source's reader
 * and the stored form's reader meet one or two of these per record. Anything else is null, for the caller's
 * formatters to read or reject.
 */
public final class IsoTimes {
    private static final int[] FRACTION_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
        10, 1};

    private IsoTimes() {
    }

    /** The date {@code YYYY-MM-DD} that {@code s} starts with; null when it does not start with a valid one. */
    public static LocalDate date(String s) {
        if (s == null || s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z} as {@link Instant#parse} reads it; null for any other text, including
     * a valid instant written another way.
     */
    public static Instant utcInstant(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        LocalDate day = date(s);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (day == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            int fraction = digits(s, 20, n - 1);
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9 || fraction < 0) {
                return null;
            }
            nanos = fraction * FRACTION_SCALE[fractionDigits];
        }
        return Instant.ofEpochSecond(day.toEpochDay() * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
    }

    /** The decimal number in {@code s[from, to)}, or -1 when any character there is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
