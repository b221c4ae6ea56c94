package com.seatkeeper.roster;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Invariant 6, second half: within their own district a teacher sees and licenses only the students of their classes. */
@ApiTest
class TeacherScopeTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Http http;
    Fixtures fx;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
    }

    @Test
    void aTeacherSeesAndLicensesOnlyTheStudentsOfTheirOwnClasses() {
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String colleague = fx.aTeacher(d);
        List<String> mine = fx.students(d, 2);
        List<String> theirs = fx.students(d, 2);
        String myClass = fx.aClass(d, List.of(teacher), mine);
        fx.aClass(d, List.of(colleague), theirs);
        var studentLicenses = fx.aStudentPool(d, 10);
        var educatorLicenses = fx.anEducatorPool(d, 10);
        String asTeacher = fx.tokenFor(teacher);

        var people = http.get("/api/v1/districts/" + d.id() + "/users?role=STUDENT", asTeacher);
        assertThat(people.status()).isEqualTo(200);
        assertThat(ids(people)).containsExactlyInAnyOrderElementsOf(mine);
        var classes = http.get("/api/v1/districts/" + d.id() + "/classes", asTeacher);
        assertThat(ids(classes)).containsExactly(myClass);
        assertThat(http.get("/api/v1/users/" + mine.get(0), asTeacher).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/users/" + theirs.get(0), asTeacher).status()).isEqualTo(404);

        assertThat(http.put("/api/v1/license-pools/" + studentLicenses.id() + "/assignments/" + mine.get(0), asTeacher).status())
                .isEqualTo(201);
        DbState before = DbState.of(jdbc);
        var notMine = http.put("/api/v1/license-pools/" + studentLicenses.id() + "/assignments/" + theirs.get(0), asTeacher);
        assertThat(notMine.status()).as(notMine.toString()).isEqualTo(404);
        assertThat(notMine.text("code")).isEqualTo("not_found");
        var educatorSeat = http.put("/api/v1/license-pools/" + educatorLicenses.id() + "/assignments/" + teacher, asTeacher);
        assertThat(educatorSeat.status()).as(educatorSeat.toString()).isEqualTo(403);
        assertThat(educatorSeat.text("code")).isEqualTo("forbidden");
        assertThat(DbState.of(jdbc)).isEqualTo(before);
        assertThat(fx.holderIds(studentLicenses)).containsExactly(mine.get(0));
        assertThat(fx.holderIds(educatorLicenses)).isEmpty();
    }

    private static List<String> ids(Http.Response list) {
        List<String> ids = new ArrayList<>();
        list.body().forEach(n -> ids.add(n.get("id").asString()));
        return ids;
    }
}
