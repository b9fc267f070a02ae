package org.rosterbridge.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static Fingerprint of(String json) {
        return Fingerprint.of(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Canonical JSON of a record with {@code n} more characters of content: every length of the hash's tail. */
    private static String record(int n) {
        StringBuilder b = new StringBuilder("{\"sourcedId\":\"x1\",\"status\":\"active\",\"dateLastModified\":"
                + "\"2026-01-05T06:00:00Z\",\"title\":\"Ann\u00e9e 9 \u2013 Maths\"");
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + i % 26));
        }
        return b.append('}').toString();
    }

    @Test
    void fingerprintsStayWhatTheStoredStateWasWrittenWith() {
        // values the state on disk holds: a different hash would make every stored record look updated
        assertThat(of(record(0)).hex()).isEqualTo("578720e4dad982fb36fbfe35cde7396a");
        assertThat(of(record(1)).hex()).isEqualTo("5e1c0a7d7346a2a09ff36495a95efe51");
        assertThat(of(record(7)).hex()).isEqualTo("25f7c71f20b55877cdae416ec13011cf");
        assertThat(of(record(8)).hex()).isEqualTo("cf807d8d436b6dc7fdbbe67c89172a5e");
        assertThat(of(record(15)).hex()).isEqualTo("22cf8bf5675e3cbe2660fab624c9456b");
        assertThat(of(record(16)).hex()).isEqualTo("80903b1ae7ba3f2e2f9c8858070e514b");
        assertThat(of(record(17)).hex()).isEqualTo("c89c20de47f4e89407ce9836264de4ac");
        assertThat(of(record(31)).hex()).isEqualTo("53bb50763214fe2b82ca6d407f9bd410");
        assertThat(of(record(33)).hex()).isEqualTo("e13c18b205081f7568bf67220b6a4ac9");
        assertThat(of(record(100)).hex()).isEqualTo("679f47b96b92ed37d1ee70b1aa5a7282");
        assertThat(of("{\"a\":1}").hex()).isEqualTo("75b4c446ea7e78a0ed33cf94515d0333");
    }

    @Test
    void onlyTheTimestampIsLeftOut() {
        String json = record(20);
        assertThat(of(json.replace("2026-01-05T06:00:00Z", "2027-03-09T11:22:33.456Z"))).isEqualTo(of(json));
        assertThat(of(json.replace("Maths", "Math"))).isNotEqualTo(of(json));
    }
}
