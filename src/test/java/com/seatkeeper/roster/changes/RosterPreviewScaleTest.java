package com.seatkeeper.roster.changes;

import static com.seatkeeper.roster.changes.Staged.EnrollmentRole.STUDENT;
import static com.seatkeeper.roster.changes.Staged.EnrollmentRole.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.Role;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A preview of a large upload into an empty district writes no roster row, not even one rolled back: the five roster
 * tables' counters of inserted, updated and deleted rows in {@code pg_stat_user_tables} (which count rolled-back writes
 * too) stay where they were. The counters are read after every backend has reported (idle backends report within 10 s).
 */
@ApiTest
class RosterPreviewScaleTest {
    static final int PEOPLE = 5_000;
    static final int SCHOOLS = 25;
    static final int CLASSES = 250;

    @LocalServerPort
    int port;
    @Autowired
    RosterChanges changes;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aPreviewOfFiveThousandNewPeopleWritesNoRosterRow() throws InterruptedException {
        var d = new Fixtures(new Http(port)).aDistrict();
        String tag = RosterChangesTest.tag();
        Map<String, Object> before = writesAfterReporting();

        var preview = new Runs(changes).bulk(d.id(), true, r -> {
            for (int s = 0; s < SCHOOLS; s++) {
                r.school("sch-" + s, "School " + s + " " + tag);
            }
            for (int c = 0; c < CLASSES; c++) {
                r.person("t" + c, Role.TEACHER, "Tess" + c, "Teacher", "t" + c + "-" + tag + "@example.test", "sch-" + c % SCHOOLS);
                r.klass("c" + c, "Class " + c, "sch-" + c % SCHOOLS).enroll("c" + c, "t" + c, TEACHER);
            }
            for (int i = CLASSES; i < PEOPLE; i++) {
                int c = i % CLASSES;
                r.person("s" + i, Role.STUDENT, "Sam" + i, "Student", null, "sch-" + c % SCHOOLS);
                for (int k = 0; k < 3; k++) {
                    int other = (c + k * SCHOOLS) % CLASSES;
                    r.enroll("c" + other, "s" + i, STUDENT);
                }
            }
        });

        assertThat(preview.status()).as("%s", preview).isEqualTo(RunStatus.PREVIEW);
        assertThat(preview.counts().users().added()).isEqualTo(PEOPLE);
        assertThat(preview.counts().schools().added()).isEqualTo(SCHOOLS);
        assertThat(preview.counts().classes().added()).isEqualTo(CLASSES);
        assertThat(preview.counts().enrollments().added()).isEqualTo(CLASSES + 3L * (PEOPLE - CLASSES));
        assertThat(writesAfterReporting()).as("rows inserted, updated, deleted in the roster tables").isEqualTo(before);
    }

    /** The roster tables' write counters, once every backend has reported its last transaction's. */
    private Map<String, Object> writesAfterReporting() throws InterruptedException {
        Thread.sleep(11_000);
        jdbc.sql("select pg_stat_clear_snapshot()").query().listOfRows();
        return jdbc.sql("""
                        select relname || ':' || n_tup_ins || '/' || n_tup_upd || '/' || n_tup_del as writes, relname from pg_stat_user_tables
                        where relname in ('schools', 'users', 'user_schools', 'classes', 'enrollments')
                        """).query((rs, n) -> Map.entry(rs.getString("relname"), (Object) rs.getString("writes"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
