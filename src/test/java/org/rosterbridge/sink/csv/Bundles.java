package org.rosterbridge.sink.csv;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads bundles back as a consumer would (an independent RFC 4180 parse), and builds broken ones from good ones. */
public final class Bundles {
    private Bundles() {
    }

    /** Every entry of a zip as text, in zip order. */
    public static Map<String, String> unzip(byte[] zip) {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                out.putNextEntry(new ZipEntry(f.getKey()));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The rows of one file as header-keyed maps, keyed by sourcedId. */
    public static Map<String, Map<String, String>> rows(byte[] zip, String file) {
        String text = unzip(zip).get(file);
        if (text == null) {
            throw new AssertionError(file + " is not in the bundle");
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        try (CSVParser p = CSVParser.parse(text, CSVFormat.RFC4180.builder().setHeader().get())) {
            for (CSVRecord r : p) {
                out.put(r.get(0), r.toMap());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The manifest as property to value. */
    public static Map<String, String> manifest(byte[] zip) {
        Map<String, String> out = new LinkedHashMap<>();
        rows(zip, "manifest.csv").forEach((k, v) -> out.put(k, v.get("value")));
        return out;
    }

    public static List<String> lines(String text) {
        return List.of(text.split("\r\n", -1));
    }
}
