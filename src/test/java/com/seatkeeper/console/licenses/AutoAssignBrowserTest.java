package com.seatkeeper.console.licenses;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The pool page's Auto-assign section in headless Chromium: add a rule of a school, see it in words and who waits. */
@ApiTest
@Tag("browser")
class AutoAssignBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void aDistrictAdminAddsARuleOfASchoolAndSeesWhoWaits() {
        Scenario s = new Scenario(port, accounts);
        try (Browser b = new Browser(port)) {
            b.signIn(s.adminEmail, Scenario.PASSWORD);
            b.open("/licenses/" + s.educatorPool.id() + "/holders");
            new Select(b.find(By.id("rule-kind"))).selectByValue("SCHOOL_TEACHERS");
            new Select(b.find(By.id("rule-school"))).selectByValue(s.district.schoolId());
            b.find(By.id("add-rule")).click();
            b.waitForText(By.id("auto-assign"), "Rule added.");

            assertThat(b.text(By.id("auto-assign-rules"))).containsPattern("All teachers of School \\d+");
            assertThat(b.text(By.id("pool-waiting"))).startsWith("1 waiting");
            b.screenshot("auto-assign-1280");
        }
        try (Browser narrow = new Browser(port, 390, 844)) {
            narrow.signIn(s.adminEmail, Scenario.PASSWORD);
            narrow.open("/licenses/" + s.educatorPool.id() + "/holders#auto-assign");
            assertThat(narrow.text(By.id("auto-assign-waiting"))).contains("1").contains("no license left");
            narrow.screenshot("auto-assign-390");
        }
    }
}
