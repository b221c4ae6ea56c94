package com.seatkeeper.console.licenses;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.licensing.SeatAction;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The ledger's filter offers every seat action licensing records, each in words, and filters by the new ones. */
@ApiTest
class LedgerActionsTest {
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void everySeatActionIsAFilterChoiceInWords() {
        for (SeatAction a : SeatAction.values()) {
            assertThat(LedgerActions.labels().get(a.name())).as(a.name()).isNotBlank().doesNotContain("_");
        }
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 3);
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), "ledger-pw-123");
        var c = ConsoleClient.signedIn(port, fx.emailOf(admin), "ledger-pw-123");
        String page = c.get("/licenses/" + pool.id() + "/ledger").body();
        for (SeatAction a : SeatAction.values()) {
            assertThat(page).contains("value=\"" + a.name() + "\"");
        }
        assertThat(page).contains("Released: left in a roster upload").contains("Released: roster change (role or school)")
                .containsPattern("<td data-label=\"Action\" class=\"action\">Pool opened</td>");
        var filtered = c.get("/licenses/" + pool.id() + "/ledger?action=RELEASED_BY_UPLOAD");
        assertThat(filtered.status()).isEqualTo(200);
        assertThat(filtered.body()).contains("<option value=\"RELEASED_BY_UPLOAD\" selected=\"selected\">")
                .contains("Nothing recorded for this filter.");
    }
}
