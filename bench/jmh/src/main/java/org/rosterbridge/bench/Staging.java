package org.rosterbridge.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.School;
import org.rosterbridge.model.Secret;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.simulator.BenchSchools;
import org.rosterbridge.source.BenchPulls;
import org.rosterbridge.source.EntityPull;
import org.rosterbridge.source.PageReader;

/** What the extraction does with a school's pages, minus the network: read every page, stage the snapshot. */
public final class Staging {
    public static final int LIMIT = 1000;
    public static final String ESTAB = "3281110";

    private Staging() {
    }

    public static School school() {
        return new School(ESTAB, "bench-rp", null, Secret.of("bench-secret"));
    }

    /** The simulator's school of this size as the pages it serves, {@code {"<collection>":[...]}} each. */
    public static Map<Entity, List<byte[]>> dayOne(int pupils) {
        return pages(BenchSchools.dayOne(ESTAB, pupils));
    }

    public static Map<Entity, List<byte[]>> dayTwo(int pupils) {
        return pages(BenchSchools.dayTwo(ESTAB, pupils));
    }

    /** Reads every page of every collection through {@link PageReader} into a complete snapshot. */
    public static Snapshot stage(Map<Entity, List<byte[]>> pages) {
        School school = school();
        Snapshot.Builder b = Snapshot.builder(ESTAB);
        for (Entity entity : Entity.SOURCE) {
            EntityPull pull = BenchPulls.pull(school, entity, LIMIT);
            for (byte[] page : pages.get(entity)) {
                for (RecordVersion v : PageReader.read(pull, new ByteArrayInputStream(page))) {
                    b.add(v);
                }
            }
        }
        return b.build();
    }

    /** Pages as the simulator cuts them: until the first page shorter than the limit (which may be empty). */
    private static Map<Entity, List<byte[]>> pages(Map<Entity, List<byte[]>> records) {
        Map<Entity, List<byte[]>> out = new EnumMap<>(Entity.class);
        records.forEach((entity, list) -> {
            List<byte[]> pages = new ArrayList<>();
            for (int from = 0; ; from += LIMIT) {
                int to = Math.min(list.size(), from + LIMIT);
                ByteArrayOutputStream page = new ByteArrayOutputStream();
                page.writeBytes(("{\"" + entity.collection() + "\":[").getBytes(StandardCharsets.UTF_8));
                for (int i = from; i < to; i++) {
                    if (i > from) {
                        page.write(',');
                    }
                    page.writeBytes(list.get(i));
                }
                page.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
                pages.add(page.toByteArray());
                if (to - from < LIMIT) {
                    break;
                }
            }
            out.put(entity, pages);
        });
        return out;
    }
}
