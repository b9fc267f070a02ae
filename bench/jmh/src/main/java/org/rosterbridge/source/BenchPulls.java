package org.rosterbridge.source;

import java.util.concurrent.atomic.AtomicBoolean;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.School;

/** Lets the benchmarks read pages the way the extraction does, without a Camel exchange around them. */
public final class BenchPulls {
    private BenchPulls() {
    }

    public static EntityPull pull(School school, Entity entity, int limit) {
        return new EntityPull(school, entity, limit, new AtomicBoolean());
    }
}
