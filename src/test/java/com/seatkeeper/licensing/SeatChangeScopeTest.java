package com.seatkeeper.licensing;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Seat changes by id never tell a caller about people outside their scope, over real HTTP against the embedded
 * PostgreSQL: a school admin or a teacher who names someone they may not see (another school, another class, another
 * district, no one at all) gets the same "unknown" as for an id of no one: no name, no license status, in the API and
 * in the console (holders page, educators page, ledger); a bulk unassignment's 409 lists the ids to drop; and only the
 * people in scope are locked.
 */
@ApiTest
class SeatChangeScopeTest {
    static final String PW = "seat-scope-pw-123";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Accounts accounts;

    Http http;
    Fixtures fx;
    Fixtures.District d;
    String otherSchool;
    Fixtures.Pool pool;
    String schoolAdmin;
    String ownHolder;
    String ownFree;
    String outsiderHolder;
    String outsiderName;
    String otherTeacher;
    String otherTeacherName;
    String stranger;
    String nobody;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        d = fx.aDistrict();
        otherSchool = fx.aSchool(d);
        pool = fx.aStudentPool(d, 10);
        schoolAdmin = fx.aPerson(d, "SCHOOL_ADMIN");
        ownHolder = ManyPeople.students(jdbc, d.id(), d.schoolId(), 1, "Own").get(0);
        ownFree = ManyPeople.students(jdbc, d.id(), d.schoolId(), 1, "Free").get(0);
        String family = "Minus" + UUID.randomUUID().toString().substring(0, 6);
        outsiderHolder = ManyPeople.students(jdbc, d.id(), otherSchool, 1, family).get(0);
        outsiderName = family;
        otherTeacherName = "Plus" + UUID.randomUUID().toString().substring(0, 6);
        otherTeacher = personAt(otherSchool, "TEACHER", otherTeacherName);
        stranger = fx.aStudent(fx.aDistrict());
        nobody = UUID.randomUUID().toString();
        assertThat(fx.assign(pool, ownHolder).status()).isEqualTo(201);
        assertThat(fx.assign(pool, outsiderHolder).status()).isEqualTo(201);
    }

    String personAt(String school, String role, String family) {
        var r = http.post("/api/v1/districts/" + d.id() + "/users", ADMIN, map("givenName", "Given", "familyName", family, "email",
                family.toLowerCase() + "@example.test", "role", role, "schoolIds", List.of(school)));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.text("id");
    }

    Http.Response bulkUnassign(String token, List<String> ids) {
        return http.post("/api/v1/license-pools/" + pool.id() + "/unassignments:bulk", token, map("userIds", ids));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void aSchoolAdminsBulkUnassignTellsNothingOfPeopleOutsideTheirSchoolsAndListsTheIdsToDrop() {
        String token = fx.tokenFor(schoolAdmin);
        DbState before = DbState.ofDistrict(jdbc, d.id());

        var mixed = bulkUnassign(token, List.of(ownHolder, ownFree, outsiderHolder, otherTeacher, stranger, nobody));
        assertThat(mixed.status()).as("%s", mixed).isEqualTo(409);
        assertThat(mixed.text("code")).isEqualTo("not_holders");
        assertThat(texts(mixed.body().get("notHolders"))).containsExactly(ownFree);
        assertThat(mixed.number("notHoldersCount")).isEqualTo(1);
        assertThat(texts(mixed.body().get("unknown"))).containsExactly(outsiderHolder, otherTeacher, stranger, nobody);
        assertThat(mixed.number("unknownCount")).isEqualTo(4);
        assertThat(mixed.text("detail")).contains("Student Free").contains("4 of the selected people are unknown here");
        assertThat(mixed.raw()).doesNotContain(outsiderName).doesNotContain(otherTeacherName);
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);

        // a holder at another school is answered exactly as an id of no one
        var holderElsewhere = bulkUnassign(token, List.of(outsiderHolder));
        var noOne = bulkUnassign(token, List.of(nobody));
        assertThat(holderElsewhere.status()).isEqualTo(409);
        assertThat(holderElsewhere.text("detail")).isEqualTo(noOne.text("detail"));
        assertThat(holderElsewhere.raw().replace(outsiderHolder, "ID")).isEqualTo(noOne.raw().replace(nobody, "ID"));
        assertThat(fx.holderIds(pool)).containsExactlyInAnyOrder(ownHolder, outsiderHolder);

        // the other by-id seat changes answer 404 or a nameless line for the same people
        assertThat(http.delete("/api/v1/license-pools/" + pool.id() + "/assignments/" + outsiderHolder, token).status()).isEqualTo(404);
        var reassign = http.post("/api/v1/license-pools/" + pool.id() + "/reassignments", token, map("fromUserId", outsiderHolder,
                "toUserId", ownFree));
        assertThat(reassign.status()).isEqualTo(404);
        var bulkAssign = http.post("/api/v1/license-pools/" + pool.id() + "/assignments:bulk", token, map("userIds",
                List.of(otherTeacher, outsiderHolder), "mode", "AVAILABLE_SEATS"));
        assertThat(bulkAssign.raw()).doesNotContain(outsiderName).doesNotContain(otherTeacherName);
        assertThat(bulkAssign.number("alreadyAssigned")).as("a holder elsewhere is not told apart").isZero();
        bulkAssign.body().get("results").forEach(line -> assertThat(line.get("code").asString()).isEqualTo("not_found"));
        assertThat(reassign.raw()).doesNotContain(outsiderName);

        var done = bulkUnassign(token, List.of(ownHolder));
        assertThat(done.status()).as("%s", done).isEqualTo(200);
        assertThat(fx.holderIds(pool)).containsExactly(outsiderHolder);
    }

    @Test
    void aTeachersBulkUnassignTreatsStudentsOutsideTheirClassesAsUnknown() {
        String teacher = fx.aTeacher(d);
        fx.aClass(d, List.of(teacher), List.of(ownHolder));
        String sameSchoolHolder = ManyPeople.students(jdbc, d.id(), d.schoolId(), 1, outsiderName + "Same").get(0);
        assertThat(fx.assign(pool, sameSchoolHolder).status()).isEqualTo(201);
        String token = fx.tokenFor(teacher);

        var r = bulkUnassign(token, List.of(sameSchoolHolder));
        assertThat(r.status()).as("%s", r).isEqualTo(409);
        assertThat(texts(r.body().get("unknown"))).containsExactly(sameSchoolHolder);
        assertThat(texts(r.body().get("notHolders"))).isEmpty();
        assertThat(r.raw()).doesNotContain(outsiderName);
        assertThat(fx.holderIds(pool)).contains(sameSchoolHolder);

        assertThat(bulkUnassign(token, List.of(ownHolder)).status()).isEqualTo(200);
    }

    /**
     * A person of another district or school named in a bulk unassignment is not locked: while another transaction holds
     * their row, the request still answers at once.
     */
    @Test
    void onlyPeopleInScopeAreLocked() throws Exception {
        String token = fx.tokenFor(schoolAdmin);
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select id from users where id = any(?) for update")) {
                lock.setArray(1, other.createArrayOf("uuid", new Object[] {UUID.fromString(stranger), UUID.fromString(outsiderHolder)}));
                lock.executeQuery().close();
            }
            var answer = CompletableFuture.supplyAsync(() -> bulkUnassign(token, List.of(stranger, outsiderHolder, ownHolder)));
            var r = answer.get(20, TimeUnit.SECONDS);
            assertThat(r.status()).as("%s", r).isEqualTo(409);
            assertThat(texts(r.body().get("unknown"))).containsExactly(stranger, outsiderHolder);
            other.rollback();
        }
    }

    ConsoleClient signedIn(String userId) {
        accounts.ensurePersonAccount(UserId.of(userId), PW);
        return ConsoleClient.signedIn(port, fx.emailOf(userId), PW);
    }

    @Test
    void theConsoleNamesNoOneOutsideTheSchoolAdminsScope() {
        ConsoleClient admin = signedIn(schoolAdmin);

        var ledgerElsewhere = admin.get("/licenses/" + pool.id() + "/ledger?user=" + outsiderHolder);
        assertThat(ledgerElsewhere.status()).isEqualTo(200);
        // a person outside the reader's scope is not one of the ledger's choices: said inline, the ledger unfiltered, no name shown
        assertThat(ledgerElsewhere.body()).doesNotContain(outsiderName).contains("is not one of the choices");
        var ledgerOwn = admin.get("/licenses/" + pool.id() + "/ledger?user=" + ownHolder);
        assertThat(ledgerOwn.body()).contains("Showing <strong>Student Own");

        var unassign = admin.post("/licenses/" + pool.id() + "/holders/unassign", map("userId", List.of(outsiderHolder)));
        assertThat(unassign.status()).isEqualTo(200);
        assertThat(unassign.body()).doesNotContain(outsiderName).contains("unknown here");
        assertThat(fx.holderIds(pool)).contains(outsiderHolder);

        Fixtures.Pool educators = fx.anEducatorPool(d, 5);
        assertThat(fx.assign(educators, otherTeacher).status()).isEqualTo(201);
        var educatorsPage = admin.post("/educators/actions", map("action", "unassign", "poolId", educators.id(), "userIds",
                List.of(otherTeacher)));
        assertThat(educatorsPage.status()).isEqualTo(200);
        assertThat(educatorsPage.body()).doesNotContain(otherTeacherName).contains("unknown here");
        assertThat(fx.holderIds(educators)).containsExactly(otherTeacher);
    }
}
