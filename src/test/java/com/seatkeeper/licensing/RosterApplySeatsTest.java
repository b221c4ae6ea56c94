package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.FileMode;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.Problems;
import com.seatkeeper.roster.changes.ReferenceColumns;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RosterKind;
import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.RowAt;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.roster.changes.SyncTrigger;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The roster engine and licensing together, as an upload runs them: requested licenses are given through the seat rule
 * (never past the seats: the report names the short pool), and a later upload in which a license holder is gone frees
 * their seat in the apply's own transaction with the run in the ledger's reason, while a holder whose role changed loses
 * the seat that no longer fits.
 */
@ApiTest
class RosterApplySeatsTest {
    static final Actor VENDOR = new Actor(UUID.randomUUID(), null, ActorRole.VENDOR_ADMIN, null, Set.of(), "licensing test");

    @LocalServerPort
    int port;
    @Autowired
    RosterChanges changes;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anUploadGivesRequestedLicensesUpToTheSeatsAndTheNextOneFreesTheSeatsOfWhoLeftOrChangedRoleInItsTransaction() {
        Fixtures fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        String product = fx.aProduct();
        var students = fx.aPool(d, product, "STUDENT", 1, LocalDate.now().minusDays(30), LocalDate.now().plusDays(300));
        var educators = fx.aPool(d, product, "EDUCATOR", 1, LocalDate.now().minusDays(30), LocalDate.now().plusDays(300));

        ImportReport first = upload(d, s -> {
            s.school(new Staged.School("sch-1", "North " + d.id().substring(0, 8), at("orgs.csv", 2)));
            s.person(person("t1", Role.TEACHER, 2));
            s.person(person("s1", Role.STUDENT, 3));
            s.person(person("s2", Role.STUDENT, 4));
            others(s);
            s.license(new Staged.License("t1", product, at("template.csv", 2)));
            s.license(new Staged.License("s1", product, at("template.csv", 3)));
            s.license(new Staged.License("s2", product, at("template.csv", 4)));
        });

        assertThat(first.status()).as("%s", first).isEqualTo(RunStatus.APPLIED);
        assertThat(first.licenses().assigned()).isEqualTo(2);
        assertThat(first.licenses().leftWithout()).isEqualTo(1);
        assertThat(first.licenses().shortPools()).containsExactly(
                new ImportReport.ShortPool(PoolId.of(students.id()), product, "STUDENT", 2, 1));
        assertThat(fx.holderIds(educators)).containsExactly(idOf(d, "t1"));
        String holder = fx.holderIds(students).get(0);

        ImportReport second = upload(d, s -> {
            s.school(new Staged.School("sch-1", "North " + d.id().substring(0, 8), at("orgs.csv", 2)));
            s.person(person("t1", Role.STUDENT, 2));
            s.person(person(holder.equals(idOf(d, "s1")) ? "s2" : "s1", Role.STUDENT, 3));
            others(s);
        });

        assertThat(second.status()).as("%s", second).isEqualTo(RunStatus.APPLIED);
        assertThat(second.licenses().released()).isEqualTo(2);
        assertThat(fx.holderIds(students)).isEmpty();
        assertThat(fx.holderIds(educators)).isEmpty();
        assertThat(jdbc.sql("select action || ' | ' || reason from seat_ledger where pool_id in (?, ?) and assigned_delta < 0 order by action")
                .params(UUID.fromString(students.id()), UUID.fromString(educators.id())).query(String.class).list())
                .containsExactly("RELEASED_BY_ROSTER_CHANGE | role STUDENT does not fit this license",
                        "RELEASED_BY_UPLOAD | removed by upload " + second.id());
        assertThat(jdbc.sql("""
                select count(distinct x) from (select xmin::text as x from users where id = :holder
                                               union all select xmin::text from assignments where user_id = :holder) v""")
                .param("holder", UUID.fromString(holder)).query(Integer.class).single())
                .as("the person set inactive and their seat released in one transaction").isEqualTo(1);
        for (var p : List.of(students, educators)) {
            assertThat(jdbc.sql("""
                    select lp.assigned = (select coalesce(sum(assigned_delta), 0) from seat_ledger l where l.pool_id = lp.id)
                    from license_pools lp where lp.id = ?""").param(UUID.fromString(p.id())).query(Boolean.class).single()).isTrue();
        }
    }

    private ImportReport upload(Fixtures.District d, Consumer<RosterStaging> rows) {
        SyncRunId run = changes.start(VENDOR, DistrictId.of(d.id()), SyncTrigger.UPLOAD).value();
        Map<RosterKind, FileMode> modes = new EnumMap<>(RosterKind.class);
        for (RosterKind k : RosterKind.values()) {
            modes.put(k, FileMode.BULK);
        }
        try (RosterStaging staging = changes.staging(run, modes, ReferenceColumns.ONEROSTER)) {
            rows.accept(staging);
        }
        return changes.complete(run, new Problems(), false);
    }

    /** Twenty students without licenses, so that one person leaving stays under the deletion guard's share. */
    private static void others(RosterStaging s) {
        for (int i = 1; i <= 20; i++) {
            s.person(person("f" + i, Role.STUDENT, 10 + i));
        }
    }

    private static Staged.Person person(String id, Role role, int line) {
        return new Staged.Person(id, role, true, "Given " + id, "Family", null, List.of("sch-1"), List.of(), at("users.csv", line));
    }

    private static RowAt at(String file, int line) {
        return new RowAt(file, line);
    }

    private String idOf(Fixtures.District d, String sourcedId) {
        return jdbc.sql("select id::text from users where district_id = ? and sourced_id = ?").params(UUID.fromString(d.id()), sourcedId)
                .query(String.class).single();
    }
}
