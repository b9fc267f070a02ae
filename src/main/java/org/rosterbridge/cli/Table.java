package org.rosterbridge.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with right-aligned numbers, for the commands' output. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    Table(String... header) {
        this.header = header;
    }

    Table row(Object... cells) {
        String[] r = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            Object c = i < cells.length ? cells[i] : "";
            r[i] = c instanceof Integer || c instanceof Long ? String.format("%,d", c) : String.valueOf(c);
        }
        rows.add(r);
        return this;
    }

    void print(PrintStream out) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        line(out, header, width, true);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (String[] r : rows) {
            line(out, r, width, false);
        }
    }

    private static void line(PrintStream out, String[] cells, int[] width, boolean header) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean numeric = !header && i > 0 && cells[i].matches("[-0-9.,]+");
            String fmt = "%" + (numeric ? "" : "-") + width[i] + "s";
            b.append(i == 0 ? "" : "  ").append(String.format(fmt, cells[i]));
        }
        out.println(b.toString().stripTrailing());
    }
}
