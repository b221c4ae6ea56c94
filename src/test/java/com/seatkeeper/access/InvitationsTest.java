package com.seatkeeper.access;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.Rosters;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invitations over real HTTP with GreenMail as the SMTP server: an educator created through the API gets a mail whose
 * one-time link sets their password (once); the password rule is applied on the way; who may invite whom follows the
 * roster's scope (404 across scope, 403 for roles the caller does not manage) and a refusal sends nothing.
 */
@ApiTest
class InvitationsTest {
    static final String PW = "a-long-enough-secret-phrase";
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Rosters rosters;
    @Autowired
    TransactionTemplate tx;

    private Http http() {
        return new Http(port);
    }

    private String emailOf(String userId) {
        return new Fixtures(http()).emailOf(userId);
    }

    private long outboxRowsFor(String email) {
        return jdbc.sql("select count(*) from mail_outbox where recipient = ?").param(email).query(Long.class).single();
    }

    @Test
    void aNewTeacherGetsAMailWhoseLinkSetsTheirPasswordOnce() {
        var fx = new Fixtures(http());
        String teacher = fx.aTeacher(fx.aDistrict());
        String email = emailOf(teacher);

        MimeMessage mail = TestMail.await(email);
        assertThat(TestMail.subject(mail)).isEqualTo("You are invited to Seatkeeper");
        assertThat(TestMail.body(mail)).contains("works once, for 7 days").contains("with " + email);
        assertThat(TestMail.link(mail)).startsWith("http://localhost:8080/account/password?token=");
        String link = TestMail.linkPath(mail);
        String secret = link.substring(link.indexOf('=') + 1);
        assertThat(jdbc.sql("select count(*) from account_links where position(convert_to(?, 'UTF8') in secret_hash) > 0")
                .param(secret).query(Long.class).single()).as("only the hash is stored").isZero();
        // the mail's body (with the link) is erased once handed to SMTP (the row is updated just after the hand-over)
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select status = 'SENT' and body is null from mail_outbox where recipient = ?").param(email).query(Boolean.class).single());

        var person = ConsoleClient.anonymous(port);
        assertThat(person.get(link).body()).contains("Welcome to Seatkeeper").contains(email);
        var weak = person.post("/account/password", Map.of("token", secret, "password", "password1234", "confirmation", "password1234"));
        assertThat(weak.status()).isEqualTo(200);
        assertThat(weak.body()).contains("This password is too common");
        var tooShort = person.post("/account/password", Map.of("token", secret, "password", "short-pw", "confirmation", "short-pw"));
        assertThat(tooShort.body()).contains("Use at least 12 characters");

        var set = person.post("/account/password", Map.of("token", secret, "password", PW, "confirmation", PW));
        assertThat(set.location()).endsWith("/login?passwordSet");
        assertThat(ConsoleClient.signedIn(port, email, PW).get("/").location()).endsWith("/classes");

        var again = ConsoleClient.anonymous(port);
        assertThat(again.get(link).body()).contains("already used").contains("Ask your administrator to resend the invitation");
        var reuse = again.post("/account/password", Map.of("token", secret, "password", "another-long-phrase", "confirmation", "another-long-phrase"));
        assertThat(reuse.body()).contains("already used");
        ConsoleClient.signedIn(port, email, PW); // the first password still works
    }

    @Test
    void outsideDemoModeThereIsNoOutboxPage() {
        String vendor = "vendor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        accounts.ensureVendorAccount(vendor, PW);
        var console = ConsoleClient.signedIn(port, vendor, PW);
        assertThat(console.get("/vendor/outbox").status()).isEqualTo(404);
        assertThat(console.get("/vendor").body()).doesNotContain("/vendor/outbox");
    }

    @Test
    void anUnknownLinkSaysSoAndWhatToDo() {
        String body = ConsoleClient.anonymous(port).get("/account/password?token=not-a-real-token").body();
        assertThat(body).contains("This link is not valid").contains("Forgot password?");
        assertThat(ConsoleClient.anonymous(port).get("/account/password").body()).contains("This link is not valid");
    }

    @Test
    void resendingReplacesTheEarlierLinkAndTheApiAnswers202() {
        var fx = new Fixtures(http());
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String email = emailOf(teacher);
        String first = TestMail.linkPath(TestMail.await(email, 1));

        var resent = http().post("/api/v1/users/" + teacher + "/invitations", fx.aDistrictAdminTokenOf(d), Map.of());
        assertThat(resent.status()).isEqualTo(202);
        assertThat(resent.text("email")).isEqualTo(email);
        String second = TestMail.linkPath(TestMail.await(email, 2));

        assertThat(second).isNotEqualTo(first);
        assertThat(ConsoleClient.anonymous(port).get(first).body()).contains("a newer one was sent");
        assertThat(ConsoleClient.anonymous(port).get(second).body()).contains("Welcome to Seatkeeper");
    }

    @Test
    void studentsGetNoInvitation() {
        var fx = new Fixtures(http());
        var d = fx.aDistrict();
        String student = fx.aStudent(d);
        var refused = http().post("/api/v1/users/" + student + "/invitations", fx.aDistrictAdminTokenOf(d), Map.of());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("student_not_invited");
        assertThat(outboxRowsFor(emailOf(student))).isZero();
    }

    @Test
    void whoMayInviteWhomFollowsTheRosterScopeAndARefusalSendsNothing() {
        Http http = http();
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String otherSchool = fx.aSchool(d);
        String schoolAdmin = fx.aPerson(d, "SCHOOL_ADMIN");
        String schoolAdminToken = fx.tokenFor(schoolAdmin);
        String teacher = fx.aTeacher(d);
        String teacherToken = fx.tokenFor(teacher);
        String districtAdmin = fx.aDistrictAdmin(d);
        String teacherElsewhere = http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN, map("givenName", "Eli", "familyName",
                "Elsewhere", "email", "eli-" + teacher + "@example.test", "role", "TEACHER", "schoolIds", List.of(otherSchool))).text("id");
        String inOtherDistrict = fx.aTeacher(fx.aDistrict());
        TestMail.await(emailOf(districtAdmin));
        TestMail.await(emailOf(teacherElsewhere));
        TestMail.await(emailOf(inOtherDistrict));
        DbState before = DbState.of(jdbc);
        long outbox = jdbc.sql("select count(*) from mail_outbox").query(Long.class).single();

        assertThat(http.post("/api/v1/users/" + teacherElsewhere + "/invitations", schoolAdminToken, Map.of()).status())
                .as("a school admin, a teacher of another school").isEqualTo(404);
        assertThat(http.post("/api/v1/users/" + inOtherDistrict + "/invitations", schoolAdminToken, Map.of()).status())
                .as("another district").isEqualTo(404);
        var admin = http.post("/api/v1/users/" + districtAdmin + "/invitations", schoolAdminToken, Map.of());
        assertThat(admin.status()).as("a school admin, the district admin").isEqualTo(403);
        assertThat(admin.text("code")).isEqualTo("role_not_allowed");
        assertThat(http.post("/api/v1/users/" + districtAdmin + "/invitations", teacherToken, Map.of()).status())
                .as("a teacher manages no one, and does not see the admins").isEqualTo(404);
        assertThat(http.post("/api/v1/users/" + schoolAdmin + "/invitations", teacherToken, Map.of()).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/users/" + teacher + "/invitations", teacherToken, Map.of()).status())
                .as("not even themselves").isEqualTo(403);

        assertThat(DbState.of(jdbc)).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from mail_outbox").query(Long.class).single()).as("nothing sent").isEqualTo(outbox);
        assertThat(TestMail.to(emailOf(districtAdmin))).hasSize(1);

        // in scope: the school admin invites a teacher of their school
        assertThat(http.post("/api/v1/users/" + teacher + "/invitations", schoolAdminToken, Map.of()).status()).isEqualTo(202);
        TestMail.await(emailOf(teacher), 2);
    }

    @Test
    void theConsoleSendsInvitationsToTheSelectedPeopleAndSkipsStudents() {
        var fx = new Fixtures(http());
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        String t1 = fx.aTeacher(d);
        String t2 = fx.aTeacher(d);
        String student = fx.aStudent(d);
        TestMail.await(emailOf(t1));
        TestMail.await(emailOf(t2));

        var console = ConsoleClient.signedIn(port, emailOf(admin), PW);
        assertThat(console.get("/people/" + t1 + "/edit").body()).contains("Resend invitation").contains("Invited; the link works until");
        var sent = console.post("/people/invitations", Map.of("userId", List.of(t1, t2, student)));
        assertThat(sent.location()).endsWith("/people");
        assertThat(console.get("/people").body()).contains("2 invitations sent.").contains("Not invited:")
                .contains("Students do not sign in to Seatkeeper");
        TestMail.await(emailOf(t1), 2);
        TestMail.await(emailOf(t2), 2);
        assertThat(outboxRowsFor(emailOf(student))).isZero();

        var one = console.post("/people/" + t1 + "/invitation", Map.of());
        assertThat(one.location()).endsWith("/people/" + t1 + "/edit");
        assertThat(console.get("/people/" + t1 + "/edit").body()).contains("Invitation sent to " + emailOf(t1));
        TestMail.await(emailOf(t1), 3);
    }

    @Test
    void aRolledBackCreationSendsNothing() {
        var d = new Fixtures(http()).aDistrict();
        String email = "rolled-back-" + UUID.randomUUID() + "@example.test";
        Actor vendor = accounts.actorForToken(Fixtures.ADMIN).orElseThrow();
        tx.executeWithoutResult(status -> {
            assertThat(rosters.createUser(vendor, DistrictId.of(d.id()), new Rosters.NewUser("Rolled", "Back", email, Role.TEACHER,
                    Set.of(SchoolId.of(d.schoolId())))).isDone()).isTrue();
            assertThat(outboxRowsFor(email)).as("written in the creating transaction").isEqualTo(1);
            status.setRollbackOnly();
        });
        String control = new Fixtures(http()).aTeacher(d); // created after it, so delivered after it had it existed
        TestMail.await(emailOf(control));
        assertThat(outboxRowsFor(email)).isZero();
        assertThat(TestMail.to(email)).isEmpty();
    }

    @Test
    void correctingAnEmailVoidsTheLinkMailedToTheOldAddressAndInvitesTheCorrectedOne() {
        var fx = new Fixtures(http());
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        String teacher = fx.aTeacher(d);
        String wrong = emailOf(teacher);
        String oldLink = TestMail.linkPath(TestMail.await(wrong));
        String corrected = "corrected-" + wrong;

        var patched = http().send("PATCH", "/api/v1/users/" + teacher, fx.aDistrictAdminTokenOf(d), map("email", corrected));
        assertThat(patched.status()).isEqualTo(200);

        var stranger = ConsoleClient.anonymous(port); // whoever reads the mistyped mailbox
        assertThat(stranger.get(oldLink).body()).contains("already used").doesNotContain(corrected);
        String oldSecret = oldLink.substring(oldLink.indexOf('=') + 1);
        assertThat(stranger.post("/account/password", Map.of("token", oldSecret, "password", PW, "confirmation", PW)).body())
                .contains("already used");
        assertThat(jdbc.sql("select password_hash is null from accounts where user_id = ?::uuid").param(teacher).query(Boolean.class).single())
                .as("no password was set").isTrue();

        MimeMessage mail = TestMail.await(corrected);
        assertThat(TestMail.subject(mail)).isEqualTo("You are invited to Seatkeeper");
        String newLink = TestMail.linkPath(mail);
        assertThat(ConsoleClient.anonymous(port).get(newLink).body()).contains("Welcome to Seatkeeper").contains(corrected);
        var console = ConsoleClient.signedIn(port, emailOf(admin), PW);
        assertThat(console.get("/people/" + teacher + "/edit").body()).contains("Invited; the link works until")
                .contains("(mailed to " + corrected + ")");

        String newSecret = newLink.substring(newLink.indexOf('=') + 1);
        assertThat(ConsoleClient.anonymous(port).post("/account/password", Map.of("token", newSecret, "password", PW, "confirmation", PW))
                .location()).endsWith("/login?passwordSet");
        ConsoleClient.signedIn(port, corrected, PW);
    }

    @Test
    void correctingAnEmailTakesTheAccountFromWhoeverSetAPasswordAtTheMistypedAddress() {
        var fx = new Fixtures(http());
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        String teacher = fx.aTeacher(d);
        String token = fx.tokenFor(teacher);
        String wrong = emailOf(teacher);
        String invitation = TestMail.linkPath(TestMail.await(wrong));
        String secret = invitation.substring(invitation.indexOf('=') + 1);
        assertThat(ConsoleClient.anonymous(port).post("/account/password", Map.of("token", secret, "password", PW, "confirmation", PW))
                .location()).endsWith("/login?passwordSet");
        var stranger = ConsoleClient.signedIn(port, wrong, PW); // whoever reads the mistyped mailbox
        assertThat(stranger.get("/").location()).endsWith("/classes");
        String corrected = "corrected-" + wrong;

        var console = ConsoleClient.signedIn(port, emailOf(admin), PW);
        assertThat(http().send("PATCH", "/api/v1/users/" + teacher, fx.aDistrictAdminTokenOf(d), map("email", corrected)).status())
                .isEqualTo(200);

        assertThat(stranger.get("/classes").redirectsToLogin()).as("the stranger's session ended").isTrue();
        assertThat(ConsoleClient.anonymous(port).signIn(corrected, PW).location()).as("the stranger's password is gone")
                .endsWith("/login?error");
        assertThat(ConsoleClient.anonymous(port).signIn(wrong, PW).location()).endsWith("/login?error");
        assertThat(jdbc.sql("select password_hash is null from accounts where user_id = ?::uuid").param(teacher).query(Boolean.class).single())
                .isTrue();
        MimeMessage mail = TestMail.await(corrected);
        assertThat(TestMail.subject(mail)).isEqualTo("You are invited to Seatkeeper");
        assertThat(console.get("/people/" + teacher + "/edit").body()).contains("Invited; the link works until")
                .contains("(mailed to " + corrected + ")");
        assertThat(http().get("/api/v1/districts/" + d.id(), token).status()).as("API tokens act as the person, not by email")
                .isEqualTo(200);

        String link = TestMail.linkPath(mail);
        assertThat(ConsoleClient.anonymous(port).post("/account/password", Map.of("token", link.substring(link.indexOf('=') + 1),
                "password", "the-real-teachers-phrase", "confirmation", "the-real-teachers-phrase")).location()).endsWith("/login?passwordSet");
        assertThat(ConsoleClient.signedIn(port, corrected, "the-real-teachers-phrase").get("/").location()).endsWith("/classes");
    }

    @Test
    void aDryRunOrARefusedCorrectionChangesNoAccount() {
        var fx = new Fixtures(http());
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String email = emailOf(teacher);
        TestMail.await(email);
        accounts.ensurePersonAccount(UserId.of(teacher), PW);
        var session = ConsoleClient.signedIn(port, email, PW);
        String taken = emailOf(fx.aTeacher(d));

        assertThat(http().send("PATCH", "/api/v1/users/" + teacher + "?dryRun=true", Fixtures.ADMIN, map("email", "dry-" + email))
                .status()).isEqualTo(200);
        assertThat(http().send("PATCH", "/api/v1/users/" + teacher, Fixtures.ADMIN, map("email", taken)).status()).isEqualTo(409);

        assertThat(session.get("/").location()).endsWith("/classes");
        ConsoleClient.signedIn(port, email, PW);
        assertThat(outboxRowsFor("dry-" + email)).isZero();
    }

    @Test
    void deactivatingSomeoneOrMakingThemAStudentVoidsTheirLinks() {
        var fx = new Fixtures(http());
        var d = fx.aDistrict();
        String leaving = fx.aTeacher(d);
        String toStudent = fx.aTeacher(d);
        String leavingLink = TestMail.linkPath(TestMail.await(emailOf(leaving)));
        String toStudentLink = TestMail.linkPath(TestMail.await(emailOf(toStudent)));

        assertThat(http().post("/api/v1/users/" + leaving + "/deactivate", Fixtures.ADMIN, null).status()).isEqualTo(200);
        assertThat(http().send("PATCH", "/api/v1/users/" + toStudent, Fixtures.ADMIN, map("role", "STUDENT")).status()).isEqualTo(200);

        for (String link : List.of(leavingLink, toStudentLink)) {
            var person = ConsoleClient.anonymous(port);
            assertThat(person.get(link).body()).contains("already used");
            String secret = link.substring(link.indexOf('=') + 1);
            assertThat(person.post("/account/password", Map.of("token", secret, "password", PW, "confirmation", PW)).body())
                    .contains("already used");
        }
        assertThat(http().post("/api/v1/users/" + leaving + "/reactivate", Fixtures.ADMIN, null).status()).isEqualTo(200);
        assertThat(ConsoleClient.anonymous(port).get(leavingLink).body()).as("reactivating does not reopen the link")
                .contains("already used");
    }
}
