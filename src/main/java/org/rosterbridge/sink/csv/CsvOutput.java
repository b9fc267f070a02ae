package org.rosterbridge.sink.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * RFC 4180 records as UTF-8 bytes, exactly as commons-csv prints them with {@link BundleWriter#FORMAT}, written by
 * hand because a printer call, a string join and an encoder call per cell were a tenth of a first run's CPU.
 */
final class CsvOutput {
    private static final int FLUSH_AT = 1 << 16;

    private final OutputStream target;
    private byte[] buf = new byte[FLUSH_AT + 1024];
    private int count;
    private boolean first = true;

    CsvOutput(OutputStream target) {
        this.target = target;
    }

    /** One record of the given cells. */
    void record(List<String> cells) throws IOException {
        for (String c : cells) {
            cell(c);
        }
        endRecord();
    }

    /** One cell of the current record, quoted only where commons-csv's minimal quoting would quote it. */
    void cell(String value) throws IOException {
        int length = value.length();
        ensure(length * 3 + 3);
        byte[] b = buf;
        int n = count;
        if (!first) {
            b[n++] = ',';
        }
        if (length > 0 && value.charAt(0) > '#' && value.charAt(length - 1) > ' ') {
            // most cells are ASCII that needs no quotes: copied in one pass, else written again below
            int i = 0;
            int m = n;
            while (i < length) {
                char c = value.charAt(i);
                if (c >= 0x80 || c == ',' || c == '"' || c == '\n' || c == '\r') {
                    break;
                }
                b[m++] = (byte) c;
                i++;
            }
            if (i == length) {
                count = m;
                first = false;
                return;
            }
        }
        boolean quote = needsQuotes(value, first);
        first = false;
        if (quote) {
            b[n++] = '"';
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (quote && c == '"') {
                    b[n++] = '"';
                }
                b[n++] = (byte) c;
            } else if (c < 0x800) {
                b[n++] = (byte) (0xc0 | c >> 6);
                b[n++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, value.charAt(++i));
                    b[n++] = (byte) (0xf0 | cp >> 18);
                    b[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
                    b[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                    b[n++] = (byte) (0x80 | cp & 0x3f);
                } else {
                    b[n++] = '?'; // what the JDK's UTF-8 encoder writes for a lone surrogate
                }
            } else {
                b[n++] = (byte) (0xe0 | c >> 12);
                b[n++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[n++] = (byte) (0x80 | c & 0x3f);
            }
        }
        if (quote) {
            b[n++] = '"';
        }
        count = n;
    }

    void endRecord() throws IOException {
        ensure(2);
        buf[count++] = '\r';
        buf[count++] = '\n';
        first = true;
        if (count >= FLUSH_AT) {
            flush();
        }
    }

    /** Hands what is buffered to the target (not flushing the target itself). */
    void flush() throws IOException {
        target.write(buf, 0, count);
        count = 0;
    }

    /**
     * commons-csv's {@code QuoteMode.MINIMAL}: an empty first cell (else an empty record would be an empty line), a
     * cell that starts with a character up to {@code #}, ends with one up to a space, or holds a quote, comma or
     * line break.
     */
    static boolean needsQuotes(String value, boolean firstCell) {
        int length = value.length();
        if (length == 0) {
            return firstCell;
        }
        if (value.charAt(0) <= '#' || value.charAt(length - 1) <= ' ') {
            return true;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private void ensure(int bytes) throws IOException {
        if (count + bytes > buf.length) {
            flush();
            if (bytes > buf.length) {
                buf = new byte[bytes];
            }
        }
    }
}
