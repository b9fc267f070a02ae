package org.rosterbridge.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Records of every type whose fields are each, at random, absent, empty or filled with awkward text. */
final class RandomRecords {
    private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u0000", "\u001f",
        "\u007f", "\u0080", "é", "ß", "€", "\u2028", "\uFFFF", "\uD83D\uDE00", "\uD800", "\uDC00", "Ysgol", "O'Brien",
        "=SUM(A1)", ","};
    private final SplittableRandom random;

    RandomRecords(SplittableRandom random) {
        this.random = random;
    }

    List<OneRosterRecord> oneOfEach() {
        return List.of(
                new Org(text(), status(), instant(), text(), text(), text(), ref(), refs(), metadata()),
                new AcademicSession(text(), status(), instant(), text(), text(), date(), date(), ref(), text(),
                        metadata()),
                new Course(text(), status(), instant(), text(), ref(), text(), texts(), texts(), ref(), texts(),
                        metadata()),
                new SchoolClass(text(), status(), instant(), text(), text(), text(), text(), texts(), texts(), ref(),
                        ref(), refs(), texts(), texts(), metadata()),
                new User(text(), status(), instant(), text(), userIds(), bool(), text(), text(), text(), text(),
                        text(), text(), text(), text(), refs(), refs(), texts(), metadata()),
                new Enrollment(text(), status(), instant(), ref(), ref(), ref(), text(), bool(), date(), date(),
                        metadata()),
                new RosterRow(text(), status(), instant(), text(), bool(), date(), date(), ref(),
                        random.nextInt(4) == 0 ? null : new RosterRow.UserSummary(text(), text(), text(), text(),
                                text(), text(), userIds(), text()),
                        random.nextInt(4) == 0 ? null : new RosterRow.ClassSummary(text(), text(), text(), text(),
                                ref(), ref(), refs()),
                        metadata()));
    }

    private String text() {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "";
            default -> word();
        };
    }

    private String word() {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(1, 6); i > 0; i--) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    private Status status() {
        return switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> Status.TOBEDELETED;
            default -> Status.ACTIVE;
        };
    }

    private Boolean bool() {
        return switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> Boolean.FALSE;
            default -> Boolean.TRUE;
        };
    }

    private Instant instant() {
        return random.nextInt(4) == 0 ? null
                : Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(3) == 0
                ? random.nextInt(1_000_000_000) : 0);
    }

    private LocalDate date() {
        return random.nextInt(3) == 0 ? null : LocalDate.ofEpochDay(random.nextLong(0, 40_000));
    }

    private GuidRef ref() {
        return random.nextInt(3) == 0 ? null : new GuidRef(random.nextInt(8) == 0 ? "" : word(), text());
    }

    private List<GuidRef> refs() {
        if (random.nextInt(3) == 0) {
            return null;
        }
        List<GuidRef> out = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            out.add(new GuidRef(word(), text()));
        }
        return out;
    }

    private List<String> texts() {
        if (random.nextInt(3) == 0) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            out.add(random.nextInt(6) == 0 ? "" : word());
        }
        return out;
    }

    private List<UserId> userIds() {
        if (random.nextInt(3) == 0) {
            return null;
        }
        List<UserId> out = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            out.add(new UserId(text(), text()));
        }
        return out;
    }

    private Map<String, Object> metadata() {
        if (random.nextInt(3) != 0) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            m.put(word(), value(2));
        }
        return m;
    }

    private Object value(int depth) {
        return switch (random.nextInt(depth > 0 ? 9 : 7)) {
            case 0 -> null;
            case 1 -> word();
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> random.nextDouble() * 1e6;
            case 5 -> random.nextBoolean();
            case 6 -> "";
            case 7 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    list.add(value(depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    map.put(word(), value(depth - 1));
                }
                yield map;
            }
        };
    }
}
