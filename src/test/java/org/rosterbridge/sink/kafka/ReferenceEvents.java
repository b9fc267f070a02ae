package org.rosterbridge.sink.kafka;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.rosterbridge.change.Change;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.sync.Delivery;

/**
 * The change events written the plain way, value by value with Jackson's quoting, {@link UUID} and a fresh digest per
 * event: what the sink's hand-tuned writer must give byte for byte.
 */
final class ReferenceEvents {
    private ReferenceEvents() {
    }

    static List<EventRecord> records(String prefix, Delivery delivery) throws Exception {
        String estab = delivery.school().estab();
        List<EventRecord> out = new ArrayList<>();
        for (Change c : delivery.changes().changes()) {
            String topic = prefix + "." + c.entity().collection();
            String key = estab + "/" + c.sourcedId();
            byte[] before = c.before() == null ? "null".getBytes(StandardCharsets.UTF_8) : c.before().json();
            byte[] after = c.after() == null ? "null".getBytes(StandardCharsets.UTF_8) : c.after().json();
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (byte[] part : List.of(utf8(estab), utf8(c.entity().collection()), utf8(c.sourcedId()),
                    utf8(c.reason().wire()), before, after)) {
                md5.update(part);
                md5.update((byte) 0);
            }
            byte[] hash = md5.digest();
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x30);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (hash[i] & 0xff);
                low = (low << 8) | (hash[i + 8] & 0xff);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("ce_specversion", "1.0");
            headers.put("ce_id", new UUID(high, low).toString());
            headers.put("ce_source", "/rosterbridge/xporter/" + estab);
            headers.put("ce_type", "org.rosterbridge.oneroster." + ChangeEvents.typeName(c.entity()) + "."
                    + c.op().wire());
            headers.put("ce_subject", c.sourcedId());
            headers.put("ce_time", delivery.startedAt().toString());
            headers.put("content-type", "application/json");
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            value.write(utf8("{\"op\":"));
            string(value, c.op().wire());
            value.write(utf8(",\"entity\":"));
            string(value, c.entity().collection());
            value.write(utf8(",\"estab\":"));
            string(value, estab);
            value.write(utf8(",\"sourcedId\":"));
            string(value, c.sourcedId());
            value.write(utf8(",\"before\":"));
            value.write(before);
            value.write(utf8(",\"after\":"));
            value.write(after);
            value.write(utf8(",\"reason\":"));
            string(value, c.reason().wire());
            value.write(utf8(",\"runId\":"));
            string(value, delivery.runId());
            value.write('}');
            out.add(new EventRecord(topic, key, value.toByteArray(), headers));
            if (c.op() == ChangeOp.DELETED) {
                out.add(new EventRecord(topic, key, null, Map.of()));
            }
        }
        return out;
    }

    private static void string(ByteArrayOutputStream out, String s) {
        out.write('"');
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(s));
        out.write('"');
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
