package org.rosterbridge.source;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.rosterbridge.model.CanonicalJson;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.RecordVersion;

/**
 * Reads one page ({@code {"users":[...]}}) into an {@link EntityPull}. The whole page must parse: a truncated or
 * malformed page fails, because a snapshot made of what happened to arrive would turn the rest into deletes.
 */
public final class PageReader {

    private PageReader() {
    }

    /**
     * Parses a whole page. Nothing is added to the pull here: a page that fails half-way (and is retried) must not
     * leave records behind that would later look like duplicates.
     */
    public static List<RecordVersion> read(EntityPull pull, InputStream body) {
        Entity entity = pull.entity();
        List<RecordVersion> records = new ArrayList<>(pull.limit());
        int count = 0;
        boolean sawEnvelope = false;
        try (JsonParser p = CanonicalJson.mapper().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(pull, "the response is not a JSON object", null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (!entity.collection().equals(name)) {
                    p.skipChildren();
                    continue;
                }
                if (t != JsonToken.START_ARRAY) {
                    throw malformed(pull, "'" + name + "' is not a list", null);
                }
                sawEnvelope = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    try {
                        records.add(RecordVersion.of(RecordReader.read(entity, p, pull.shared())));
                    } catch (MalformedRecordException e) {
                        throw malformed(pull, "record " + (count + 1) + " of the page: " + e.getMessage(), null);
                    }
                    count++;
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw malformed(pull, "unexpected content after the page", null);
            }
        } catch (JsonEOFException e) {
            throw malformed(pull, "the page ends before its JSON does (truncated after " + count + " records)", e);
        } catch (JsonParseException e) {
            throw malformed(pull, "invalid JSON after " + count + " records: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new XporterException.Unavailable(pull.school(), entity, pull.offset(), 0,
                    ": the response could not be read (" + e.getMessage() + ")", e);
        }
        if (!sawEnvelope) {
            throw malformed(pull, "the response has no '" + entity.collection() + "' list", null);
        }
        return records;
    }

    private static XporterException.MalformedPage malformed(EntityPull pull, String detail, Throwable cause) {
        return new XporterException.MalformedPage(pull.school(), pull.entity(), pull.offset(), detail, cause);
    }
}
