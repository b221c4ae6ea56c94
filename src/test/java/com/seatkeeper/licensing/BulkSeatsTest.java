package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.SeatBooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bulk assignment and unassignment through the set-based seat primitive over real HTTP: 10,000 seats in one request with
 * exact counts and one ledger row each, and the same refusals as one at a time (seat limit, qualification, scope), all or nothing or as
 * many as there are seats.
 */
@ApiTest
class BulkSeatsTest {
    private static final Logger log = LoggerFactory.getLogger(BulkSeatsTest.class);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void tenThousandSeatsInOneRequestKeepTheCountsAndTheLedgerExact() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        Fixtures.District d = fx.aDistrict();
        Fixtures.Pool pool = fx.aPool(d, "STUDENT", 10_000);
        List<String> people = ManyPeople.students(jdbc, d.id(), d.schoolId(), 10_000, "Bulk");

        long start = System.nanoTime();
        Http.Response r = fx.bulkAssign(pool, "ALL_OR_NOTHING", people);
        log.info("bulk assignment of 10,000 seats: {} ms (the benchmark measures it on a quiet machine)",
                (System.nanoTime() - start) / 1_000_000);

        assertThat(r.status()).as("%s", r.status()).isEqualTo(200);
        assertThat(r.number("assigned")).isEqualTo(10_000);
        assertThat(r.number("available")).isZero();
        assertThat(fx.available(pool)).isZero();
        assertThat(ledgerRows(pool, "ASSIGNED")).isEqualTo(10_000);
        SeatBooks.assertBalanced(jdbc, pool.id());

        // the same people again: all already hold it, nothing changes
        Http.Response again = fx.bulkAssign(pool, "ALL_OR_NOTHING", people.subList(0, 500));
        assertThat(again.number("alreadyAssigned")).isEqualTo(500);
        assertThat(ledgerRows(pool, "ASSIGNED")).isEqualTo(10_000);

        // unassigning is all or nothing: one non-holder among them and nothing changes; then 10,000 in one request
        List<String> withStranger = new ArrayList<>(people.subList(0, 3));
        withStranger.add(ManyPeople.students(jdbc, d.id(), d.schoolId(), 1, "NotHolder").get(0));
        Http.Response notHolders = http.post("/api/v1/license-pools/" + pool.id() + "/unassignments:bulk", Fixtures.ADMIN,
                Http.map("userIds", withStranger));
        assertThat(notHolders.status()).isEqualTo(409);
        assertThat(notHolders.text("code")).isEqualTo("not_holders");
        assertThat(notHolders.body().get("notHolders").get(0).asString()).as("the ids to drop").isEqualTo(withStranger.get(3));
        assertThat(notHolders.number("notHoldersCount")).isEqualTo(1);
        assertThat(notHolders.number("unknownCount")).isZero();
        assertThat(fx.available(pool)).isZero();

        Http.Response released = http.post("/api/v1/license-pools/" + pool.id() + "/unassignments:bulk", Fixtures.ADMIN,
                Http.map("userIds", people));
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.number("unassigned")).isEqualTo(10_000);
        assertThat(released.number("available")).isEqualTo(10_000);
        assertThat(ledgerRows(pool, "UNASSIGNED")).isEqualTo(10_000);
        SeatBooks.assertBalanced(jdbc, pool.id());
    }

    @Test
    void tooFewSeatsRefuseAllOrNothingAndSeatAsManyAsThereAreOtherwise() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        Fixtures.District d = fx.aDistrict();
        Fixtures.Pool pool = fx.aPool(d, "STUDENT", 5);
        List<String> people = ManyPeople.students(jdbc, d.id(), d.schoolId(), 8, "Few");

        Http.Response refused = fx.bulkAssign(pool, "ALL_OR_NOTHING", people);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("no_licenses_available");
        assertThat(fx.available(pool)).isEqualTo(5);
        assertThat(ledgerRows(pool, "ASSIGNED")).isZero();

        Http.Response some = fx.bulkAssign(pool, "AVAILABLE_SEATS", people);
        assertThat(some.status()).isEqualTo(200);
        assertThat(some.number("assigned")).isEqualTo(5);
        assertThat(some.number("notAssigned")).isEqualTo(3);
        List<String> seatedInOrder = new ArrayList<>();
        some.body().get("results").forEach(l -> {
            if ("ASSIGNED".equals(l.get("result").asString())) {
                seatedInOrder.add(l.get("userId").asString());
            }
        });
        assertThat(seatedInOrder).as("in the given order").isEqualTo(people.subList(0, 5));
        assertThat(jdbc.sql("select count(*) from seat_ledger where pool_id = ? and action = 'REFUSED' and reason = 'no_licenses_available'")
                .param(UUID.fromString(pool.id())).query(Integer.class).single()).as("one REFUSED row per person left out").isEqualTo(3);
        SeatBooks.assertBalanced(jdbc, pool.id());
    }

    @Test
    void peopleWhoMayNotHoldTheSeatAreRefusedEachWithTheSingleAssignmentsReason() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        Fixtures.District d = fx.aDistrict();
        String otherSchool = fx.aSchool(d);
        Fixtures.Pool pool = fx.aPool(d, "STUDENT", 100);
        List<String> students = ManyPeople.students(jdbc, d.id(), d.schoolId(), 4, "Fit");
        String teacher = fx.aTeacher(d);
        String elsewhere = ManyPeople.students(jdbc, d.id(), otherSchool, 1, "Elsewhere").get(0);
        String stranger = fx.aStudent(fx.aDistrict());
        List<String> all = new ArrayList<>(students);
        all.addAll(List.of(teacher, elsewhere, stranger));

        Http.Response refused = fx.bulkAssign(pool, "ALL_OR_NOTHING", all);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("bulk_assignment_refused");
        assertThat(fx.available(pool)).isEqualTo(100);

        // a school admin of the first school: the student of the other school is not theirs to assign
        String schoolAdmin = fx.tokenFor(fx.aPerson(d, "SCHOOL_ADMIN"));
        Http.Response some = http.post("/api/v1/license-pools/" + pool.id() + "/assignments:bulk", schoolAdmin,
                Http.map("userIds", all, "mode", "AVAILABLE_SEATS"));
        assertThat(some.status()).isEqualTo(200);
        Map<String, String> codes = new java.util.HashMap<>();
        some.body().get("results").forEach(l -> codes.put(l.get("userId").asString(),
                l.get("code").isNull() ? l.get("result").asString() : l.get("code").asString()));
        assertThat(codes).containsEntry(teacher, "seat_type_mismatch").containsEntry(elsewhere, "not_found")
                .containsEntry(stranger, "not_found");
        students.forEach(s -> assertThat(codes).containsEntry(s, "ASSIGNED"));
        assertThat(fx.available(pool)).isEqualTo(96);
        SeatBooks.assertBalanced(jdbc, pool.id());
    }

    private int ledgerRows(Fixtures.Pool pool, String action) {
        return jdbc.sql("select count(*) from seat_ledger where pool_id = ? and action = ?")
                .params(UUID.fromString(pool.id()), action).query(Integer.class).single();
    }
}
