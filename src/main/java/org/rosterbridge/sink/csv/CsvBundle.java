package org.rosterbridge.sink.csv;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * One OneRoster CSV zip for one school, ready to deliver: its name, its bytes, their SHA-256 and the writer's
 * report. Delivered as {@code {estab}/oneroster-{estab}-{UTC yyyyMMdd'T'HHmmss'Z'}-{bulk|delta}.zip}.
 */
public record CsvBundle(String estab, BundleMode mode, Instant createdAt, byte[] zip, BundleReport report) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The zip's name: sortable by time, so the newest bundles are the last names. */
    public String fileName() {
        return "oneroster-" + estab + "-" + STAMP.format(createdAt) + "-" + mode.wire() + ".zip";
    }

    /** Where it goes under the destination folder: a folder per school. */
    public String path() {
        return estab + "/" + fileName();
    }

    public String checksumFileName() {
        return fileName() + ".sha256";
    }

    public String checksumPath() {
        return estab + "/" + checksumFileName();
    }

    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The {@code .sha256} file's content, in {@code sha256sum} format, so {@code sha256sum -c} checks the zip. */
    public byte[] checksumFile() {
        return (sha256() + "  " + fileName() + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return fileName() + " (" + zip.length + " bytes)";
    }
}
