package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** Runs the engine as a producer does: start, stage rows through {@link RosterStaging} (the real COPY path), complete. */
final class Runs {
    static final Actor VENDOR = new Actor(UUID.randomUUID(), null, ActorRole.VENDOR_ADMIN, null, Set.of(), "engine test");

    private final RosterChanges changes;

    Runs(RosterChanges changes) {
        this.changes = changes;
    }

    static Map<RosterKind, FileMode> all(FileMode mode) {
        Map<RosterKind, FileMode> m = new EnumMap<>(RosterKind.class);
        for (RosterKind k : RosterKind.values()) {
            m.put(k, mode);
        }
        return m;
    }

    ImportReport bulk(String district, boolean dryRun, Consumer<Rows> rows) {
        return run(district, dryRun, all(FileMode.BULK), rows);
    }

    ImportReport run(String district, boolean dryRun, Map<RosterKind, FileMode> modes, Consumer<Rows> rows) {
        SyncRunId id = changes.start(VENDOR, DistrictId.of(district), SyncTrigger.UPLOAD).value();
        Rows r = new Rows();
        rows.accept(r);
        try (RosterStaging staging = changes.staging(id, modes, ReferenceColumns.ONEROSTER)) {
            r.writeTo(staging);
        }
        return changes.complete(id, r.problems, dryRun);
    }

    /**
     * A sync as the scheduler's job runs it: queued (SAME_DAY), begun, staged with every kind BULK, completed with the
     * options (a paused district holds its removals).
     */
    ImportReport sync(String district, RosterChanges.ApplyOptions options, Consumer<Rows> rows) {
        SyncRunId id = changes.queue(VENDOR, DistrictId.of(district), SyncTrigger.SAME_DAY, null).value();
        changes.begin(id).value();
        Rows r = new Rows();
        rows.accept(r);
        try (RosterStaging staging = changes.staging(id, all(FileMode.BULK), ReferenceColumns.ONEROSTER)) {
            r.writeTo(staging);
        }
        return changes.complete(id, r.problems, false, options);
    }

    /** Rows of a OneRoster-like snapshot, each with its file and line (lines counted per file from 2). */
    static final class Rows {
        private final List<Consumer<RosterStaging>> rows = new ArrayList<>();
        final Problems problems = new Problems();
        private final Map<String, Integer> lines = new java.util.HashMap<>();

        RowAt at(String file) {
            return new RowAt(file, lines.merge(file, 1, Integer::sum) + 1);
        }

        Rows school(String id, String name) {
            var row = new Staged.School(id, name, at("orgs.csv"));
            rows.add(s -> s.school(row));
            return this;
        }

        Rows person(String id, Role role, String given, String family, String email, String... schools) {
            return person(id, role, true, given, family, email, schools);
        }

        Rows person(String id, Role role, boolean active, String given, String family, String email, String... schools) {
            var row = new Staged.Person(id, role, active, given, family, email, List.of(schools), List.of(), at("users.csv"));
            rows.add(s -> s.person(row));
            return this;
        }

        Rows student(String id, String given, String family, String email, String grade, String school) {
            var row = new Staged.Person(id, Role.STUDENT, true, given, family, email, List.of(school), List.of(), grade, at("users.csv"));
            rows.add(s -> s.person(row));
            return this;
        }

        Rows klass(String id, String title, String school) {
            var row = new Staged.Class(id, title, school, null, "Math", "2026", at("classes.csv"));
            rows.add(s -> s.rosterClass(row));
            return this;
        }

        Rows enroll(String klass, String user, Staged.EnrollmentRole role) {
            var row = new Staged.Enrollment(klass, user, role, at("enrollments.csv"));
            rows.add(s -> s.enrollment(row));
            return this;
        }

        Rows delete(RosterKind kind, String id, String user) {
            String file = switch (kind) {
                case SCHOOLS -> "orgs.csv";
                case USERS -> "users.csv";
                case CLASSES -> "classes.csv";
                case ENROLLMENTS -> "enrollments.csv";
            };
            var row = new Staged.Deletion(kind, id, user, at(file));
            rows.add(s -> s.deletion(row));
            return this;
        }

        Rows license(String user, String product) {
            var row = new Staged.License(user, product, at("users.csv"));
            rows.add(s -> s.license(row));
            return this;
        }

        void writeTo(RosterStaging staging) {
            rows.forEach(r -> r.accept(staging));
            staging.rowsRead(rows.size());
        }
    }
}
