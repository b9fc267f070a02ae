package org.rosterbridge.sink.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The JSON Schemas shipped in the jar, loaded from the classpath as a consumer would load them from the repo. */
final class EventSchemas {
    static final Schema CHANGE_EVENT = load("schemas/change-event.schema.json");
    static final Schema RUN_EVENT = load("schemas/run-event.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventSchemas() {
    }

    /** The schema's complaints about a value; empty when it is valid. */
    static List<String> problems(Schema schema, byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            return schema.validate(node).stream().map(Error::toString).toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    private static Schema load(String resource) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
