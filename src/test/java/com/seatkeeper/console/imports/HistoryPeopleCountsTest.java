package com.seatkeeper.console.imports;

import static com.seatkeeper.console.imports.ConsoleImportsTest.awaitEnd;
import static com.seatkeeper.console.imports.ConsoleImportsTest.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The history tables of the Upload page and the Rostering page show what a run did to people besides adding, updating and
 * removing them: a run that only reactivated people reads "2 reactivated", not a bare "0 / 0 / 0"; and that run's page lists
 * its warnings (an applied run's page shows the problems of the run it shows).
 */
@ApiTest
class HistoryPeopleCountsTest {
    static final String PW = "history-pw-123";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void aRunThatReactivatedPeopleSaysSoInBothHistories() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        ConsoleClient c = ConsoleClient.signedIn(port, fx.emailOf(admin), PW);
        OneRosterSet set = new OneRosterSet();
        awaitEnd(c, upload(c, set, false));
        String held = upload(c, set.withoutStudents(), false); // 2 of the 4 people leave: held until confirmed
        awaitEnd(c, held);
        var confirmed = c.post("/console/imports/" + held + "/confirm", Map.of());
        assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(302);
        Matcher applied = ConsoleImportsTest.RUN.matcher(confirmed.location());
        assertThat(applied.find()).as(confirmed.location()).isTrue();
        String removed = applied.group(1);
        assertThat(c.get("/console/imports/" + removed).body()).contains("data-status=\"APPLIED\"");
        String back = upload(c, set.withStudents(), false);
        awaitEnd(c, back);

        String uploads = c.get("/console/imports").body();
        assertThat(row(uploads, back)).as("the upload that brought the two students back").contains("2 reactivated");
        assertThat(row(uploads, removed)).as("the one that removed them has nothing besides").doesNotContain("people-besides");
        String rostering = c.get("/console/rostering").body();
        assertThat(row(rostering, back)).contains("0 / 0 / 0").contains("2 reactivated");
        assertThat(row(rostering, removed)).contains("0 / 0 / 2").doesNotContain("reactivated");

        String report = c.get("/console/imports/" + back).body();
        assertThat(report).as("the applied run's page shows its own warnings").containsPattern("0 errors, [0-9]+ warnings listed.")
                .contains("not given back").doesNotContain("No problems were found.");
    }

    /** The history table's row of a run. */
    private static String row(String page, String runId) {
        Matcher m = Pattern.compile("<tr id=\"run-" + runId + "\">(.*?)</tr>", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("run %s in the history", runId).isTrue();
        return m.group(1);
    }
}
