package org.rosterbridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rosterbridge.change.ChangeDetector;
import org.rosterbridge.change.Detection;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Snapshot;

/**
 * The live heap one school holds while it is in flight, which bounds how many schools fit in a heap: each school's
 * staged snapshot of a first run with its roster rows and change set (what a delivery carries), measured as the heap
 * still in use after full collections with {@code SCHOOLS} such schools held, less the heap before them.
 *
 * <pre>java -cp ... org.rosterbridge.bench.Footprint [pupils=1500] [schools=4]</pre>
 */
public final class Footprint {
    private Footprint() {
    }

    public static void main(String[] args) {
        int pupils = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        int schools = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Map<Entity, List<byte[]>> pages = Staging.dayOne(pupils);
        ChangeDetector detector = new ChangeDetector();
        Snapshot empty = Snapshot.empty(Staging.ESTAB);
        // one school first, so that classes, caches and the JIT's own data are in the baseline, not in the result
        detector.detect(empty, Staging.stage(pages));
        long before = liveBytes();
        List<Detection> held = new ArrayList<>();
        List<Snapshot> staged = new ArrayList<>();
        for (int i = 0; i < schools; i++) {
            Snapshot s = Staging.stage(pages);
            staged.add(s);
            held.add(detector.detect(empty, s));
        }
        long stagedAndDetected = liveBytes() - before;
        int records = staged.get(0).sourceSize();
        long json = 0;
        for (Entity e : Entity.SOURCE) {
            for (var v : held.get(0).stagedWithRosters().records(e).values()) {
                json += 16 + v.json().length;
            }
        }
        int rows = held.get(0).stagedWithRosters().size(Entity.ROSTERS);
        System.out.printf("pupils=%d schools=%d records=%d roster_rows=%d live_mb_per_school=%.1f bytes_per_item=%d"
                + " of_which_source_json_mb=%.1f%n",
                pupils, schools, records, rows, stagedAndDetected / (double) schools / (1 << 20),
                stagedAndDetected / schools / (records + rows), json / (double) (1 << 20));
        if (held.size() != schools) {
            throw new AssertionError("keeps the schools reachable until measured");
        }
    }

    private static long liveBytes() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
