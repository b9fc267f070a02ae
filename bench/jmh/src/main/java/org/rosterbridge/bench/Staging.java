package org.rosterbridge.bench;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.School;
import org.rosterbridge.model.Secret;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.source.BenchPulls;
import org.rosterbridge.source.EntityPull;
import org.rosterbridge.source.PageReader;

/** What the extraction does with a school's pages, minus the network: read every page, stage the snapshot. */
public final class Staging {
    public static final int LIMIT = 1000;

    private Staging() {
    }

    public static School school(String estab) {
        return new School(estab, "bench-rp", null, Secret.of("bench-secret"));
    }

    /** Reads every page of every collection through {@link PageReader} into a complete snapshot. */
    public static Snapshot stage(XporterSchool data) {
        return stage(data.estab(), data.pages(LIMIT));
    }

    /** Reads pages already in memory, so that only reading them is measured. */
    public static Snapshot stage(String estab, Map<Entity, List<byte[]>> pages) {
        School school = school(estab);
        Snapshot.Builder b = Snapshot.builder(estab);
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
}
