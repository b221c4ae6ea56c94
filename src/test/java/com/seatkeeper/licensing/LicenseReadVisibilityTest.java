package com.seatkeeper.licensing;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/v1/users/{userId}/licenses}: who may read whose licenses. District-wide administrators
 * reading a license holder are answered from the seats alone (one statement); everyone else, and anyone
 * reading a person without seats, goes through the roster's visibility rules. Both ways must agree.
 */
@ApiTest
class LicenseReadVisibilityTest {
    @LocalServerPort
    int port;
    Http http;
    Fixtures fx;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
    }

    private Http.Response licensesOf(String userId, String token) {
        return http.get("/api/v1/users/" + userId + "/licenses", token);
    }

    @Test
    void aDistrictAdminReadsTheLicensesOfEveryoneInTheDistrictAndOfNoOneElse() {
        var a = fx.aDistrict();
        var b = fx.aDistrict();
        String adminOfA = fx.aDistrictAdminTokenOf(a);
        var poolOfA = fx.aStudentPool(a, 3);
        var poolOfB = fx.aStudentPool(b, 3);
        String holderInA = fx.aStudent(a), withoutSeatInA = fx.aStudent(a);
        String holderInB = fx.aStudent(b), withoutSeatInB = fx.aStudent(b);
        assertThat(fx.assign(poolOfA, holderInA).status()).isEqualTo(201);
        assertThat(fx.assign(poolOfB, holderInB).status()).isEqualTo(201);

        var held = licensesOf(holderInA, adminOfA);
        assertThat(held.status()).isEqualTo(200);
        assertThat(held.body().size()).isEqualTo(1);
        assertThat(held.body().get(0).get("poolId").asString()).isEqualTo(poolOfA.id());

        var none = licensesOf(withoutSeatInA, adminOfA);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body().size()).isZero();

        for (String outside : List.of(holderInB, withoutSeatInB, UUID.randomUUID().toString())) {
            var r = licensesOf(outside, adminOfA);
            assertThat(r.status()).as("%s is not of district A", outside).isEqualTo(404);
            assertThat(r.text("code")).isEqualTo("not_found");
            assertThat(r.raw()).doesNotContain(poolOfB.id());
        }
    }

    @Test
    void theVendorAdminReadsEveryDistrict() {
        var b = fx.aDistrict();
        var poolOfB = fx.aStudentPool(b, 1);
        String holder = fx.aStudent(b);
        fx.assign(poolOfB, holder);

        var r = licensesOf(holder, ADMIN);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get(0).get("poolId").asString()).isEqualTo(poolOfB.id());
    }

    @Test
    void aTeacherReadsTheirOwnLicensesAndThoseOfTheirStudentsOnly() {
        var d = fx.aDistrict();
        var studentPool = fx.aStudentPool(d, 5);
        var educatorPool = fx.anEducatorPool(d, 5);
        String teacher = fx.aTeacher(d);
        String ownStudent = fx.aStudent(d), otherStudent = fx.aStudent(d);
        fx.aClass(d, List.of(teacher), List.of(ownStudent));
        fx.assign(educatorPool, teacher);
        fx.assign(studentPool, ownStudent);
        fx.assign(studentPool, otherStudent);
        String token = fx.tokenFor(teacher);

        assertThat(licensesOf(teacher, token).body().get(0).get("poolId").asString()).isEqualTo(educatorPool.id());
        assertThat(licensesOf(ownStudent, token).body().get(0).get("poolId").asString()).isEqualTo(studentPool.id());
        var other = licensesOf(otherStudent, token);
        assertThat(other.status()).as("a holder outside the teacher's classes").isEqualTo(404);
        assertThat(other.raw()).doesNotContain(studentPool.id());
    }

    @Test
    void aMissingOrWrongTokenGetsUnauthorized() {
        var d = fx.aDistrict();
        String student = fx.aStudent(d);
        var noToken = http.get("/api/v1/users/" + student + "/licenses", null);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.text("code")).isEqualTo("unauthorized");
        assertThat(licensesOf(student, "not-a-token").status()).isEqualTo(401);
    }
}
