package org.rosterbridge.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.model.Entity;
import org.rosterbridge.sync.EntityStats;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.sync.RunReport;

/** How the commands print run reports. */
final class RunReports {
    private RunReports() {
    }

    /** The extraction of one school, per entity: pages, records, active, tobedeleted, seconds. */
    static void extraction(RunReport report, PrintStream out) {
        Table t = new Table("entity", "pages", "requests", "records", "active", "tobedeleted", "duplicates",
                "seconds");
        int pages = 0;
        int requests = 0;
        int records = 0;
        int active = 0;
        int gone = 0;
        for (Entity e : Entity.SOURCE) {
            EntityStats s = report.extraction().get(e);
            if (s == null) {
                continue;
            }
            t.row(e.collection(), s.pages(), s.requests(), s.records(), s.active(), s.tobedeleted(),
                    s.duplicates(), String.format("%.2f", s.millis() / 1000.0));
            pages += s.pages();
            requests += s.requests();
            records += s.records();
            active += s.active();
            gone += s.tobedeleted();
        }
        t.row("total", pages, requests, records, active, gone, "", report.finishedAt() == null ? ""
                : String.format("%.2f", (report.finishedAt().toEpochMilli() - report.startedAt().toEpochMilli())
                / 1000.0));
        t.print(out);
    }

    /** Changes per entity and op as one sink saw them. */
    static void changes(Map<Entity, Map<ChangeOp, Integer>> counts, PrintStream out) {
        Table t = new Table("entity", "created", "updated", "deleted");
        for (Entity e : Entity.values()) {
            Map<ChangeOp, Integer> ops = counts.getOrDefault(e, Map.of());
            t.row(e.collection(), ops.getOrDefault(ChangeOp.CREATED, 0), ops.getOrDefault(ChangeOp.UPDATED, 0),
                    ops.getOrDefault(ChangeOp.DELETED, 0));
        }
        t.print(out);
    }

    /** One line per school. */
    static String line(RunReport r) {
        String name = r.schoolName().equals(r.estab()) ? r.estab() : r.estab() + " " + r.schoolName();
        String seconds = r.finishedAt() == null ? "" : String.format(" in %.1f s",
                (r.finishedAt().toEpochMilli() - r.startedAt().toEpochMilli()) / 1000.0);
        return switch (r.outcome()) {
            case COMPLETED -> name + ": completed" + seconds + " (run " + r.runId() + ")";
            case HELD -> name + ": HELD" + seconds + ": " + r.reason();
            case FAILED -> name + ": FAILED" + seconds + ": " + r.reason();
            case STARTED -> name + ": started";
        };
    }

    /** The exit code for a set of reports: any failure wins over a hold, a hold over success. */
    static int exitCode(List<RunReport> reports) {
        if (reports.stream().anyMatch(r -> r.outcome() == RunOutcome.FAILED)) {
            return RosterbridgeCommand.FAILED;
        }
        if (reports.stream().anyMatch(r -> r.outcome() == RunOutcome.HELD)) {
            return RosterbridgeCommand.HELD;
        }
        return RosterbridgeCommand.OK;
    }
}
