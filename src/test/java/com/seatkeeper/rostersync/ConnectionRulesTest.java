package com.seatkeeper.rostersync;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.shared.FieldRefusal;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** The rules of PUT .../rostering without Spring: defaults, kept secrets and the field each wrong value is refused on. */
class ConnectionRulesTest {
    static final Set<RosteringSource> CLEVER_ONLY = Set.of(RosteringSource.CLEVER);
    static final ConnectionRules.Current STORED = new ConnectionRules.Current(RosteringSource.CLEVER, "https://api.clever.com", "3.1",
            true, null, null, null, null, null, false, LocalTime.of(3, 15));

    static ConnectionRules.Checked check(RosteringChange change, ConnectionRules.Current current) {
        return ConnectionRules.check(change, current, CLEVER_ONLY);
    }

    static ConnectionRules.Plan ok(ConnectionRules.Checked checked) {
        assertThat(checked).isInstanceOf(ConnectionRules.Checked.Ok.class);
        return ((ConnectionRules.Checked.Ok) checked).plan();
    }

    /** The one field refused (a change with one wrong value is refused on that field alone). */
    static String refusedField(ConnectionRules.Checked checked) {
        assertThat(refusedFields(checked)).hasSize(1);
        return refusedFields(checked).get(0);
    }

    static List<String> refusedFields(ConnectionRules.Checked checked) {
        assertThat(checked).isInstanceOf(ConnectionRules.Checked.Refused.class);
        return ((ConnectionRules.Checked.Refused) checked).refusal().errors().stream().map(FieldRefusal::field).toList();
    }

    @Test
    void everyWrongCleverFieldIsRefusedAtOnceInTheOrderOfTheForm() {
        assertThat(refusedFields(check(new RosteringChange("CLEVER", new RosteringChange.Clever(null, "bad token", null), null, "25:00"),
                ConnectionRules.Current.NONE))).containsExactly("clever.districtToken", "nightlyAt");
        assertThat(refusedFields(check(new RosteringChange("CLEVER", new RosteringChange.Clever("ftp://x", null, "9.9"), null, "7pm"),
                ConnectionRules.Current.NONE))).containsExactly("clever.baseUrl", "clever.apiVersion", "clever.districtToken", "nightlyAt");
        // with a stored token and a broken address, the missing token is not asked for: where it would go is not known yet
        assertThat(refusedFields(check(new RosteringChange("CLEVER", new RosteringChange.Clever("not a url", null, null), null, "25:00"),
                STORED))).containsExactly("clever.baseUrl", "nightlyAt");
        assertThat(refusedFields(check(new RosteringChange("SCHOOLOGY", null, null, "25:00"), STORED))).containsExactly("source", "nightlyAt");
        assertThat(refusedFields(check(new RosteringChange("CLEVER", null, null, "25:00"), STORED))).containsExactly("clever", "nightlyAt");
    }

    @Test
    void everyWrongOneRosterFieldIsRefusedAtOnce() {
        var change = new RosteringChange("CLASSLINK", null, new RosteringChange.OneRoster("http://x y", "2.0", "OAUTH2", "has space",
                "bad secret", "ftp://token"), "24:00");
        assertThat(refusedFields(ConnectionRules.check(change, ConnectionRules.Current.NONE, Set.of(RosteringSource.CLASSLINK))))
                .containsExactly("oneRoster.baseUrl", "oneRoster.version", "oneRoster.clientId", "oneRoster.tokenUrl",
                        "oneRoster.clientSecret", "nightlyAt");
        var auth = new RosteringChange("CLASSLINK", null, new RosteringChange.OneRoster("", "1.1", "BASIC", "", null, null), null);
        assertThat(refusedFields(ConnectionRules.check(auth, ConnectionRules.Current.NONE, Set.of(RosteringSource.CLASSLINK))))
                .containsExactly("oneRoster.baseUrl", "oneRoster.auth", "oneRoster.clientId", "oneRoster.clientSecret");
    }

    @Test
    void aFirstConnectionTakesCleversDefaults() {
        var plan = ok(check(new RosteringChange("CLEVER", new RosteringChange.Clever(null, "tok", null), null, null),
                ConnectionRules.Current.NONE));
        assertThat(plan.cleverBaseUrl()).isEqualTo("https://api.clever.com");
        assertThat(plan.cleverApiVersion()).isEqualTo("3.0");
        assertThat(plan.nightlyAt()).isEqualTo(LocalTime.of(2, 0));
        assertThat(plan.newSecret()).isEqualTo("tok");
        assertThat(plan.toString()).doesNotContain("tok");
    }

    @Test
    void changingOnlyTheNightlyTimeKeepsTheTokenTheServerAndTheVersion() {
        var plan = ok(check(new RosteringChange("CLEVER", new RosteringChange.Clever(null, null, null), null, "23:45"), STORED));
        assertThat(plan.newSecret()).isNull();
        assertThat(plan.cleverBaseUrl()).isEqualTo("https://api.clever.com");
        assertThat(plan.cleverApiVersion()).isEqualTo("3.1");
        assertThat(plan.nightlyAt()).isEqualTo(LocalTime.of(23, 45));
    }

    @Test
    void aStoredTokenIsNeverSentToANewHost() {
        assertThat(refusedField(check(new RosteringChange("CLEVER", new RosteringChange.Clever("https://evil.example", null, null), null,
                null), STORED))).isEqualTo("clever.districtToken");
        // the same host with a trailing slash is the same server
        assertThat(ok(check(new RosteringChange("CLEVER", new RosteringChange.Clever("https://api.clever.com/", null, null), null, null),
                STORED)).cleverBaseUrl()).isEqualTo("https://api.clever.com");
    }

    @ParameterizedTest(name = "{0} / {1} / {2} / {3} -> {4}")
    @CsvSource(nullValues = "null", value = {
            "null,      null,                     tok,    null,   source",
            "MANUAL,    null,                     tok,    null,   source",
            "SCHOOLOGY, null,                     tok,    null,   source",
            "CLASSLINK, null,                     tok,    null,   source",
            "CLEVER,    ftp://api.clever.com,     tok,    null,   clever.baseUrl",
            "CLEVER,    http://api.clever.com,    tok,    null,   clever.baseUrl",
            "CLEVER,    https://u:p@api.clever.com, tok,  null,   clever.baseUrl",
            "CLEVER,    https://api.clever.com?x=1, tok,  null,   clever.baseUrl",
            "CLEVER,    https://api.clever.com/v3.0, tok, null,   clever.baseUrl",
            "CLEVER,    not a url,                tok,    null,   clever.baseUrl",
            "CLEVER,    null,                     null,   null,   clever.districtToken",
            "CLEVER,    null,                     has space, null, clever.districtToken",
            "CLEVER,    null,                     tok,    2:00,   nightlyAt",
            "CLEVER,    null,                     tok,    24:00,  nightlyAt",
            "CLEVER,    null,                     tok,    02:00:00, nightlyAt",
    })
    void aWrongValueIsRefusedOnItsField(String source, String baseUrl, String token, String nightlyAt, String field) {
        assertThat(refusedField(check(new RosteringChange(source, new RosteringChange.Clever(baseUrl, token, null), null, nightlyAt),
                ConnectionRules.Current.NONE))).isEqualTo(field);
    }

    @Test
    void anUnknownApiVersionAndAMissingBlockAreRefusedOnTheirFields() {
        assertThat(refusedField(check(new RosteringChange("CLEVER", new RosteringChange.Clever(null, "tok", "2.1"), null, null),
                ConnectionRules.Current.NONE))).isEqualTo("clever.apiVersion");
        assertThat(refusedField(check(new RosteringChange("CLEVER", null, null, null), ConnectionRules.Current.NONE))).isEqualTo("clever");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://169.254.169.254", "https://10.0.0.1:8443", "http://127.0.0.1:55600", "http://localhost:18600",
            "http://2130706433:18601", "https://2130706433:18601", "https://127.0.0.1:8443", "https://localhost", "https://LOCALHOST:443",
            "https://[::1]:9000", "https://[fd00::1]", "https://[fe80::1]", "https://[::ffff:127.0.0.1]", "https://192.168.1.10",
            "https://172.16.5.4", "https://0.0.0.0", "https://100.64.0.1", "https://224.0.0.1", "https://[::]",
            "https://[2002:a00:1::]", "https://api.localhost"})
    void aHostThatIsNotAPublicInternetAddressIsRefusedOnTheBaseUrl(String url) {
        var checked = check(new RosteringChange("CLEVER", new RosteringChange.Clever(url, "tok", null), null, null),
                ConnectionRules.Current.NONE);
        assertThat(refusedField(checked)).isEqualTo("clever.baseUrl");
        assertThat(((ConnectionRules.Checked.Refused) checked).refusal().detail())
                .matches(m -> m.contains("is not a public internet address") || m.contains("uses http: secrets are only sent over https"));
    }

    @Test
    void httpAndLocalHostsOnlyWhenLocalProvidersAreAllowed() {
        for (String local : new String[] {"http://127.0.0.1:8089", "http://localhost:1234/", "http://[::1]:9000", "https://10.1.2.3"}) {
            var change = new RosteringChange("CLEVER", new RosteringChange.Clever(local, "tok", "3.1"), null, null);
            assertThat(ok(ConnectionRules.check(change, ConnectionRules.Current.NONE, CLEVER_ONLY, true)).cleverApiVersion())
                    .isEqualTo("3.1");
            assertThat(refusedField(ConnectionRules.check(change, ConnectionRules.Current.NONE, CLEVER_ONLY, false)))
                    .isEqualTo("clever.baseUrl");
        }
    }

    @Test
    void theBaseUrlIsStoredWithItsSchemeAndHostInLowerCase() {
        assertThat(ok(ConnectionRules.check(new RosteringChange("CLEVER", new RosteringChange.Clever("HTTP://127.0.0.1:18601", "tok", null),
                null, null), ConnectionRules.Current.NONE, CLEVER_ONLY, true)).cleverBaseUrl()).isEqualTo("http://127.0.0.1:18601");
        assertThat(ok(check(new RosteringChange("CLEVER", new RosteringChange.Clever("HTTPS://API.Clever.COM/", "tok", null), null, null),
                ConnectionRules.Current.NONE)).cleverBaseUrl()).isEqualTo("https://api.clever.com");
        assertThat(ok(ConnectionRules.check(new RosteringChange("CLASSLINK", null, new RosteringChange.OneRoster(
                "HTTPS://OR.Example/ims/oneroster/v1p1", "1.1", "OAUTH1", "client", "s3cret", null), null), ConnectionRules.Current.NONE,
                Set.of(RosteringSource.CLEVER, RosteringSource.CLASSLINK))).oneRosterBaseUrl())
                .isEqualTo("https://or.example/ims/oneroster/v1p1");
    }

    @Test
    void aRefusedTokenIsNeverEchoed() {
        var checked = check(new RosteringChange("CLEVER", new RosteringChange.Clever(null, "secret with space", null), null, null),
                ConnectionRules.Current.NONE);
        assertThat(((ConnectionRules.Checked.Refused) checked).refusal().detail()).doesNotContain("secret with space");
    }

    @Test
    void oneRosterWhenAConnectorForClassLinkExists() {
        var change = new RosteringChange("CLASSLINK", null, new RosteringChange.OneRoster("https://or.example/ims/oneroster/v1p1", "1.1",
                "OAUTH2", "client", "s3cret", null), null);
        assertThat(refusedField(ConnectionRules.check(change, ConnectionRules.Current.NONE,
                Set.of(RosteringSource.CLEVER, RosteringSource.CLASSLINK)))).isEqualTo("oneRoster.tokenUrl");
        var withToken = new RosteringChange("CLASSLINK", null, new RosteringChange.OneRoster("https://or.example/ims/oneroster/v1p1", "1.1",
                "OAUTH1", "client", "s3cret", null), "01:00");
        assertThat(ok(ConnectionRules.check(withToken, ConnectionRules.Current.NONE, Set.of(RosteringSource.CLEVER, RosteringSource.CLASSLINK)))
                .oneRosterAuth()).isEqualTo("OAUTH1");
    }

    @Test
    void aValueTheChosenSourceOrAuthDoesNotUseIsRefusedOnItsField() {
        var oauth1 = new RosteringChange.OneRoster("https://or.example/ims/oneroster/v1p1", "1.1", "OAUTH1", "client", "s3cret",
                "https://or.example/token");
        assertThat(refusedField(ConnectionRules.check(new RosteringChange("CLASSLINK", null, oauth1, null), ConnectionRules.Current.NONE,
                BOTH))).isEqualTo("oneRoster.tokenUrl");
        assertThat(refusedFields(ConnectionRules.check(new RosteringChange("CLEVER", new RosteringChange.Clever(null, "tok", null), oauth1,
                "25:00"), ConnectionRules.Current.NONE, BOTH))).containsExactly("oneRoster", "nightlyAt");
        assertThat(refusedFields(ConnectionRules.check(new RosteringChange("CLASSLINK", new RosteringChange.Clever(null, null, null), null,
                null), ConnectionRules.Current.NONE, BOTH))).containsExactly("clever", "oneRoster");
        // OAUTH1 kept from the stored connection: a token URL given alone is refused as well
        var storedOauth1 = new ConnectionRules.Current(RosteringSource.CLASSLINK, null, null, false, "https://or.example/ims/oneroster/v1p1",
                "1.1", "OAUTH1", "client", null, true, LocalTime.of(2, 0));
        assertThat(refusedField(ConnectionRules.check(new RosteringChange("CLASSLINK", null, new RosteringChange.OneRoster(null, null, null,
                null, null, "https://or.example/token"), null), storedOauth1, BOTH))).isEqualTo("oneRoster.tokenUrl");
    }

    @Test
    void membersThatCouldNotBeReadAreRefusedWithTheRulesProblemsOfTheOtherFields() {
        var read = RosteringJson.read(JsonMapper.builder().build().readTree("""
                {"source":"CLASSLINK","oneRoster":{"baseUrl":5,"version":"9","auth":"OAUTH1","clientId":7,"tokenUrl":"x"},"nightlyAt":200,
                "extra":[1]}"""));
        var checked = ConnectionRules.check(read.change(), read.unread(), ConnectionRules.Current.NONE, BOTH, false);
        // baseUrl and clientId are refused for their type, not again as missing; the others for the rules
        assertThat(refusedFields(checked)).containsExactly("oneRoster.baseUrl", "oneRoster.version", "oneRoster.clientId",
                "oneRoster.tokenUrl", "oneRoster.clientSecret", "nightlyAt", "extra");
        assertThat(refusedFields(ConnectionRules.check(null, RosteringJson.read(JsonMapper.builder().build()
                .readTree("\"CLEVER\"")).unread(), ConnectionRules.Current.NONE, BOTH, false))).containsExactly("body");
    }

    static final Set<RosteringSource> BOTH = Set.of(RosteringSource.CLEVER, RosteringSource.CLASSLINK);
    static final ConnectionRules.Current ONEROSTER = new ConnectionRules.Current(RosteringSource.CLASSLINK, null, null, false,
            "https://sis.example.org/ims/oneroster/rostering/v1p2", "1.2", "OAUTH2", "key", "https://sso.example.org/token", true,
            LocalTime.of(2, 0));

    /** A change of the stored OAuth 2.0 connection; http allowed (as for a stand-in), so a change of scheme is a change of origin. */
    static ConnectionRules.Checked oneRoster(String baseUrl, String version, String auth, String clientId, String secret, String tokenUrl) {
        return ConnectionRules.check(new RosteringChange("CLASSLINK", null, new RosteringChange.OneRoster(baseUrl, version, auth, clientId,
                secret, tokenUrl), null), ONEROSTER, BOTH, true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            "oneRoster.tokenUrl, null,                                       null, null,   null, http://attacker.example/steal",
            "oneRoster.tokenUrl, null,                                       null, null,   null, https://sso.example.org/other",
            "oneRoster.baseUrl,  https://evil.example/ims/oneroster/rostering/v1p2, null, null, null, null",
            "oneRoster.baseUrl,  http://sis.example.org/ims/oneroster/rostering/v1p2, null, null, null, null",
            "oneRoster.baseUrl,  https://sis.example.org:8443/ims/oneroster/rostering/v1p2, null, null, null, null",
            "oneRoster.version,  null,                                       1.1,  null,   null, null",
            "oneRoster.auth,     null,                                       null, OAUTH1, null, null",
            "oneRoster.clientId, null,                                       null, null,   other, null",
    })
    void aKeptClientSecretIsOnlySentWhereAndHowItWasGiven(String changed, String baseUrl, String version, String auth, String clientId,
                                                          String tokenUrl) {
        var checked = oneRoster(baseUrl, version, auth, clientId, null, tokenUrl);
        assertThat(refusedField(checked)).isEqualTo("oneRoster.clientSecret");
        assertThat(((ConnectionRules.Checked.Refused) checked).refusal().detail()).contains(changed + " changed")
                .contains("only ever sent where and how it was first given");
        // with the secret given again, the same change is saved
        assertThat(ok(oneRoster(baseUrl, version, auth, clientId, "SUPERSECRET123", tokenUrl)).newSecret()).isEqualTo("SUPERSECRET123");
    }

    @Test
    void aKeptClientSecretStaysWhenNothingOfWhereItGoesChanges() {
        var plan = ok(oneRoster("https://SIS.example.org/ims/oneroster/rostering/v1p2/", null, null, null, null, null));
        assertThat(plan.newSecret()).isNull();
        assertThat(plan.oneRosterTokenUrl()).isEqualTo("https://sso.example.org/token");
        // the path below the same server may change: the secret goes to the same origin and token URL
        assertThat(ok(oneRoster("https://sis.example.org/other/path", null, null, null, null, null)).newSecret()).isNull();
    }

    @Test
    void aKeptCleverTokenNeedsTheSameServerAndVersion() {
        var newVersion = check(new RosteringChange("CLEVER", new RosteringChange.Clever(null, null, "3.0"), null, null), STORED);
        assertThat(refusedField(newVersion)).isEqualTo("clever.districtToken");
        assertThat(((ConnectionRules.Checked.Refused) newVersion).refusal().detail()).contains("clever.apiVersion changed");
        var newPort = check(new RosteringChange("CLEVER", new RosteringChange.Clever("https://api.clever.com:8443", null, null), null, null),
                STORED);
        assertThat(((ConnectionRules.Checked.Refused) newPort).refusal().detail()).contains("clever.baseUrl changed");
    }

    @ParameterizedTest
    @CsvSource({"https://exa mple.com/x", "https://exa\tmple.com/x", "https://[::1/x", "https://exa%zzmple.com/x"})
    void aBaseUrlThatIsNoUrlIsRefusedOnItsFieldWhenAConnectionIsStored(String url) {
        assertThat(refusedField(oneRoster(url, null, null, null, null, null))).isEqualTo("oneRoster.baseUrl");
        assertThat(refusedField(oneRoster(null, null, null, null, null, url))).isEqualTo("oneRoster.tokenUrl");
        assertThat(refusedField(check(new RosteringChange("CLEVER", new RosteringChange.Clever(url, null, null), null, null), STORED)))
                .isEqualTo("clever.baseUrl");
    }
}
