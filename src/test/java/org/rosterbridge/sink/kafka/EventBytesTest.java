package org.rosterbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rosterbridge.change.SchoolData.enrollment;
import static org.rosterbridge.change.SchoolData.org;
import static org.rosterbridge.change.SchoolData.schoolClass;
import static org.rosterbridge.change.SchoolData.snapshot;
import static org.rosterbridge.change.SchoolData.term;
import static org.rosterbridge.change.SchoolData.user;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.rosterbridge.change.ChangeDetector;
import org.rosterbridge.change.Detection;
import org.rosterbridge.change.SchoolData;
import org.rosterbridge.config.Settings;
import org.rosterbridge.model.OneRosterRecord;
import org.rosterbridge.model.School;
import org.rosterbridge.model.Secret;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;
import org.rosterbridge.model.User;
import org.rosterbridge.sync.Delivery;

/** The events and their Kafka messages are byte for byte what the plain writer gives, on real schools and odd ids. */
class EventBytesTest {
    private final ChangeEvents events = new ChangeEvents(KafkaSinkSettings.from(Settings.of(Map.of(
            "kafka.bootstrap-servers", "127.0.0.1:1", "kafka.topic-prefix", "feed"))));

    @Test
    void aSecondarySchoolsFirstRunIsByteForByteThePlainWritersEvents() throws Exception {
        Delivery delivery = Deliveries.first(snapshot(SchoolData.secondarySchool(7)), "run-1");

        assertSameRecords(events.records(delivery), ReferenceEvents.records("feed", delivery));
    }

    @Test
    void aDayTwoWithEveryKindOfChangeIsByteForByteThePlainWritersEvents() throws Exception {
        List<OneRosterRecord> dayOne = SchoolData.secondarySchool(11);
        Snapshot committed = Deliveries.committedAfter(Snapshot.empty(SchoolData.ESTAB), snapshot(dayOne));
        List<OneRosterRecord> dayTwo = new ArrayList<>();
        int users = 0;
        for (OneRosterRecord r : dayOne) {
            if (r instanceof User u && users++ % 7 == 0) {
                switch (users % 3) {
                    case 0 -> dayTwo.add(SchoolData.renamed(u, "Renamed"));
                    case 1 -> dayTwo.add(SchoolData.withStatus(u, Status.TOBEDELETED));
                    default -> {
                        // gone: a hard delete
                    }
                }
            } else {
                dayTwo.add(r);
            }
        }
        dayTwo.add(user("u-new", "New", "Pupil"));
        Delivery delivery = Deliveries.between(committed, snapshot(dayTwo), "run-2", SchoolData.T0.plusSeconds(86_400));

        List<EventRecord> records = events.records(delivery);
        assertThat(records).extracting(EventRecord::tombstone).contains(true, false);
        assertSameRecords(records, ReferenceEvents.records("feed", delivery));
    }

    @Test
    void idsAndRunIdsThatJsonMustEscapeOrThatAreNotAsciiAreWrittenAsJacksonQuotesThem() throws Exception {
        List<String> ids = List.of("u-\"quoted\"", "u-back\\slash", "u-tab\tnew\nline", "u-\u0001ctl", "u-\u007fdel",
                "u-Zoë", "u-Ōkubo-大", "u-emoji-\uD83D\uDE00", "u-/slash", "u- space", "");
        List<OneRosterRecord> records = new ArrayList<>(List.of(org(), term(), schoolClass("c-ma", "Maths")));
        for (String id : ids) {
            records.add(user(id, "Given", "Family"));
            records.add(enrollment("e" + id, id, "c-ma"));
        }
        Detection d = new ChangeDetector().detect(Snapshot.empty(SchoolData.ESTAB), snapshot(records));
        Delivery delivery = new Delivery("kafka", new School(SchoolData.ESTAB, "rp", "Odd \"School\"",
                Secret.of("x")), "run \"7\" \\ é", SchoolData.T0, d.stagedWithRosters(), Snapshot.empty(
                SchoolData.ESTAB), d.changes());

        List<EventRecord> actual = events.records(delivery);
        assertThat(actual).extracting(r -> r.headers().get("ce_subject")).containsAll(ids);
        assertSameRecords(actual, ReferenceEvents.records("feed", delivery));
    }

    @Test
    void anEventsCamelMessageCarriesTheTopicKeyAndTheHeaderBytesInTheRecordsOrder() throws Exception {
        Delivery delivery = Deliveries.first(snapshot(org(), user("u-Zoë", "Zoë", "Brontë")), "run-1");
        List<EventRecord> reference = ReferenceEvents.records("feed", delivery);
        try (CamelContext context = new DefaultCamelContext()) {
            List<EventRecord> records = events.records(delivery);
            for (int i = 0; i < records.size(); i++) {
                EventRecord expected = reference.get(i);
                EventMessage message = new EventMessage(context, records.get(i), true);
                Map<String, Object> headers = message.getHeaders();
                assertThat(message.getBody()).isEqualTo(reference.get(i).value());
                assertThat(headers.remove(KafkaConstants.OVERRIDE_TOPIC)).isEqualTo(reference.get(i).topic());
                assertThat(message.getHeader(KafkaConstants.KEY)).isEqualTo(reference.get(i).key());
                assertThat(message.getHeader(KafkaConstants.PARTITION_KEY, Integer.class)).isNull();
                List<String> names = new ArrayList<>();
                headers.forEach((name, value) -> {
                    if (!name.equals(KafkaConstants.KEY)) {
                        names.add(name);
                        // what camel-kafka's default serializer made of the text before
                        assertThat((byte[]) value).isEqualTo(expected.headers().get(name).getBytes());
                    }
                });
                assertThat(names).containsExactlyElementsOf(reference.get(i).headers().keySet());

                Map<String, Object> text = new EventMessage(context, records.get(i), false).getHeaders();
                assertThat(text).containsAllEntriesOf(reference.get(i).headers());
            }
        }
    }

    @Test
    void aHeaderSerializerSetInTheConfigurationGetsTheHeadersAsText() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            KafkaComponent kafka = new KafkaComponent(context);
            context.addComponent("kafka", kafka);
            assertThat(KafkaSink.headerBytes(context)).isTrue();

            kafka.getConfiguration().setHeaderSerializer((name, value) -> ("x" + value).getBytes());

            assertThat(KafkaSink.headerBytes(context)).isFalse();
            EventRecord event = events.records(Deliveries.first(snapshot(org()), "run-1")).get(0);
            Map<String, Object> headers = KafkaSink.messages(context, List.of(event), false).get(0).getHeaders();
            assertThat(headers.get("ce_subject")).isEqualTo(event.headers().get("ce_subject"));
        }
    }

    private static void assertSameRecords(List<EventRecord> actual, List<EventRecord> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            EventRecord a = actual.get(i);
            EventRecord e = expected.get(i);
            // compared plainly first: assertions on each of a school's 26,000 records would take seconds
            if (!same(a, e)) {
                assertThat(a.topic()).isEqualTo(e.topic());
                assertThat(a.key()).isEqualTo(e.key());
                assertThat(a.value()).isEqualTo(e.value());
                assertThat(List.copyOf(a.headers().entrySet())).isEqualTo(List.copyOf(e.headers().entrySet()));
                for (int n = 0; n < EventHeaders.NAMES.length; n++) {
                    assertThat(((EventHeaders) a.headers()).bytes(n))
                            .isEqualTo(e.headers().get(EventHeaders.NAMES[n]).getBytes());
                }
            }
        }
    }

    private static boolean same(EventRecord a, EventRecord e) {
        if (!a.topic().equals(e.topic()) || !a.key().equals(e.key()) || !Arrays.equals(a.value(), e.value())
                || !List.copyOf(a.headers().entrySet()).equals(List.copyOf(e.headers().entrySet()))) {
            return false;
        }
        if (a.headers() instanceof EventHeaders h) {
            for (int n = 0; n < EventHeaders.NAMES.length; n++) {
                if (!Arrays.equals(h.bytes(n), e.headers().get(EventHeaders.NAMES[n]).getBytes())) {
                    return false;
                }
            }
            return true;
        }
        return e.headers().isEmpty();
    }
}
