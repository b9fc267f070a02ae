package org.rosterbridge.sink.csv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of one CSV file for the validator: cell positions in the file's UTF-8 bytes, read in one pass with
 * no string or record object per cell unless a check asks for its text. Only the plain RFC 4180 that a bundle
 * writer produces is read this way; anything else (a bare CR, text after a closing quote, a quote inside an
 * unquoted cell, a quote left open) is left to commons-csv, so odd files get its reading and its messages.
 */
abstract class CsvRecords {
    /** How many records, the header included. */
    abstract int size();

    /** How many cells record {@code n} (0 is the header) has. */
    abstract int cells(int n);

    abstract String cell(int n, int i);

    abstract boolean empty(int n, int i);

    /** The file read by the fast path, or null when it holds something only commons-csv should judge. */
    static CsvRecords fast(byte[] bytes) {
        return Positions.read(bytes);
    }

    static CsvRecords of(List<CSVRecord> records) {
        return new Parsed(records);
    }

    /** Cells as start and end offsets into the bytes; a negative start marks a quoted cell with doubled quotes. */
    private static final class Positions extends CsvRecords {
        private final byte[] bytes;
        private final int[] cells;
        private final int[] firstCell;
        private final int records;

        private Positions(byte[] bytes, int[] cells, int[] firstCell, int records) {
            this.bytes = bytes;
            this.cells = cells;
            this.firstCell = firstCell;
            this.records = records;
        }

        static Positions read(byte[] b) {
            int n = b.length;
            int[] cells = new int[Math.max(16, n / 4)];
            int[] firstCell = new int[Math.max(16, n / 32)];
            int cellCount = 0;
            int records = 0;
            int pos = 0;
            while (pos < n) {
                if (records + 1 >= firstCell.length) {
                    firstCell = Arrays.copyOf(firstCell, firstCell.length * 2);
                }
                firstCell[records++] = cellCount;
                while (true) {
                    int start;
                    int end;
                    boolean doubled = false;
                    if (b[pos] == '"') {
                        int p = pos + 1;
                        start = p;
                        while (true) {
                            if (p >= n) {
                                return null;
                            }
                            if (b[p] == '"') {
                                if (p + 1 < n && b[p + 1] == '"') {
                                    doubled = true;
                                    p += 2;
                                    continue;
                                }
                                break;
                            }
                            p++;
                        }
                        end = p;
                        pos = p + 1;
                    } else {
                        start = pos;
                        while (pos < n) {
                            byte c = b[pos];
                            if (c == ',' || c == '\n' || c == '\r') {
                                break;
                            }
                            if (c == '"') {
                                return null;
                            }
                            pos++;
                        }
                        end = pos;
                    }
                    if (cellCount * 2 + 2 > cells.length) {
                        cells = Arrays.copyOf(cells, cells.length * 2);
                    }
                    cells[cellCount * 2] = doubled ? -start - 1 : start;
                    cells[cellCount * 2 + 1] = end;
                    cellCount++;
                    if (pos >= n) {
                        break;
                    }
                    byte c = b[pos];
                    if (c == ',') {
                        pos++;
                        if (pos >= n) {
                            return null;
                        }
                    } else if (c == '\n') {
                        pos++;
                        break;
                    } else if (c == '\r' && pos + 1 < n && b[pos + 1] == '\n') {
                        pos += 2;
                        break;
                    } else {
                        return null;
                    }
                }
            }
            firstCell[records] = cellCount;
            return new Positions(b, cells, firstCell, records);
        }

        @Override
        int size() {
            return records;
        }

        @Override
        int cells(int n) {
            return firstCell[n + 1] - firstCell[n];
        }

        @Override
        String cell(int n, int i) {
            int k = (firstCell[n] + i) * 2;
            int start = cells[k];
            int end = cells[k + 1];
            if (start >= 0) {
                return new String(bytes, start, end - start, StandardCharsets.UTF_8);
            }
            start = -start - 1;
            return new String(bytes, start, end - start, StandardCharsets.UTF_8).replace("\"\"", "\"");
        }

        @Override
        boolean empty(int n, int i) {
            int k = (firstCell[n] + i) * 2;
            return cells[k] == cells[k + 1];
        }
    }

    /** What commons-csv read. */
    private static final class Parsed extends CsvRecords {
        private final List<CSVRecord> records;

        Parsed(List<CSVRecord> records) {
            this.records = records;
        }

        @Override
        int size() {
            return records.size();
        }

        @Override
        int cells(int n) {
            return records.get(n).size();
        }

        @Override
        String cell(int n, int i) {
            return records.get(n).get(i);
        }

        @Override
        boolean empty(int n, int i) {
            return records.get(n).get(i).isEmpty();
        }
    }
}
