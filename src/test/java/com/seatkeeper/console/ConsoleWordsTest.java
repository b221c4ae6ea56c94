package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.licensing.LicenseRefusal;
import com.seatkeeper.roster.RosterRefusal;
import com.seatkeeper.roster.changes.RunRefusal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A refusal shown in the console never names an API call: reworded by code, or the API's sentence left out. */
class ConsoleWordsTest {

    @Test
    void refusalsThatNameAnApiCallAreRewordedByTheirCode() {
        for (var refusal : List.of(new RunRefusal.ImportInProgress("7d1c"), new RosterRefusal.UnknownSchools(List.of("s1")),
                new LicenseRefusal.UnknownProduct("MATH"), new LicenseRefusal.UnknownSchool("s2"))) {
            assertThat(refusal.detail()).as("the API's detail names a call").contains("/api/v1");
            assertThat(ConsoleWords.detail(refusal)).as(refusal.code()).doesNotContain("/api/").isNotBlank();
        }
    }

    @Test
    void otherRefusalsKeepTheServicesWords() {
        var stale = new RunRefusal.HeldRunStale();
        assertThat(ConsoleWords.detail(stale)).isEqualTo(stale.detail());
    }

    @Test
    void anApiCallInASentenceOrParenthesisIsLeftOutAndTheRestStands() {
        assertThat(ConsoleWords.apiFree("The upload has no manifest.csv. Use the template CSV instead (GET /api/v1/imports/template.csv)."))
                .isEqualTo("The upload has no manifest.csv. Use the template CSV instead.");
        assertThat(ConsoleWords.apiFree("x.csv is neither. Download the template from GET /api/v1/imports/template.csv, or upload it. Then wait."))
                .isEqualTo("x.csv is neither. Then wait.");
        assertThat(ConsoleWords.apiFree("Nothing here.")).isEqualTo("Nothing here.");
    }
}
