package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An administrator creates a class in the console with several teachers, or none. */
@ApiTest
class ClassCreationTest {
    static final String PW = "class-admin-pw-123";
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void anAdminCreatesAClassWithTwoTeachersAndAnotherWithNone() {
        var http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        String first = fx.aTeacher(d), second = fx.aTeacher(d), notChosen = fx.aTeacher(d);
        var console = ConsoleClient.signedIn(port, http.get("/api/v1/users/" + admin, Fixtures.ADMIN).text("email"), PW);

        String form = console.get("/classes/new").body();
        assertThat(form).contains("name=\"teacherIds\"").contains("multiple").contains(first).contains(second);

        var created = console.post("/classes", Map.of("name", "Biology 2", "schoolId", d.schoolId(), "teacherIds", List.of(first, second)));
        assertThat(created.status()).as("%s", created).isEqualTo(302);
        assertThat(created.location()).contains("/classes/").endsWith("/edit");
        var none = console.post("/classes", Map.of("name", "Study hall", "schoolId", d.schoolId()));
        assertThat(none.status()).as("%s", none).isEqualTo(302);

        var classes = http.get("/api/v1/districts/" + d.id() + "/classes", Fixtures.ADMIN).body();
        List<String> biologyTeachers = new ArrayList<>();
        List<String> studyHallTeachers = new ArrayList<>();
        for (var c : classes) {
            List<String> target = "Biology 2".equals(c.get("name").asString()) ? biologyTeachers
                    : "Study hall".equals(c.get("name").asString()) ? studyHallTeachers : new ArrayList<>();
            c.get("teacherIds").forEach(t -> target.add(t.asString()));
        }
        assertThat(biologyTeachers).containsExactlyInAnyOrder(first, second).doesNotContain(notChosen);
        assertThat(studyHallTeachers).isEmpty();

        // a refused form keeps the chosen teachers selected
        var refused = console.post("/classes", Map.of("name", "  ", "schoolId", d.schoolId(), "teacherIds", List.of(second)));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("name is required: type 1 to 200 characters.");
        assertThat(refused.body()).containsPattern("value=\"" + second + "\"\\s+selected");
    }
}
