package com.seatkeeper.console.rostering;

import com.seatkeeper.rostersync.RosteringChange;
import com.seatkeeper.rostersync.RosteringView;
import com.seatkeeper.shared.DistrictId;

/**
 * The "Connect ClassLink" form (issue 11 "Connection"): a OneRoster REST service's root with its path
 * ({@code baseUrl}), the OneRoster version ({@code 1.1} or {@code 1.2}), the authentication ({@code OAUTH1}: OAuth 1.0a
 * signatures, ClassLink's 1.1; {@code OAUTH2}: client credentials, 1.2), the client id, the client secret (a password
 * field never filled back: left empty it keeps the stored secret), the token URL (OAUTH2), the nightly sync's local
 * time, the acknowledgement that connecting a manual district makes its roster read-only, and, for the vendor admin,
 * the district. Field names are those of the API's {@code oneRoster} block; the service checks every value
 * ({@code RosteringSettings.connect}).
 */
public class ClassLinkForm {
    private String baseUrl = "";
    private String version = "1.1";
    private String auth = "OAUTH1";
    private String clientId = "";
    private String clientSecret = "";
    private String tokenUrl = "";
    private String nightlyAt = "02:00";
    private boolean understood;
    private DistrictId district;

    /** The form filled from the stored OneRoster connection (never its secret), or with the defaults when there is none. */
    static ClassLinkForm of(RosteringView view, DistrictId district) {
        ClassLinkForm form = new ClassLinkForm();
        form.setDistrict(district);
        if (view != null && view.oneRoster() != null) {
            RosteringView.OneRoster o = view.oneRoster();
            form.setBaseUrl(o.baseUrl());
            form.setVersion(o.version());
            form.setAuth(o.auth());
            form.setClientId(o.clientId());
            form.setTokenUrl(o.tokenUrl() == null ? "" : o.tokenUrl());
        }
        if (view != null && view.nightlyAt() != null) {
            form.setNightlyAt(view.nightlyAt());
        }
        return form;
    }

    /** The change to ask for: a blank secret keeps the stored one; a blank token URL is none (OAUTH1). */
    RosteringChange toChange() {
        return new RosteringChange("CLASSLINK", null, new RosteringChange.OneRoster(blankToNull(baseUrl), blankToNull(version),
                blankToNull(auth), blankToNull(clientId), blankToNull(clientSecret), blankToNull(tokenUrl)), blankToNull(nightlyAt));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getAuth() {
        return auth;
    }

    public void setAuth(String auth) {
        this.auth = auth;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getTokenUrl() {
        return tokenUrl;
    }

    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    public String getNightlyAt() {
        return nightlyAt;
    }

    public void setNightlyAt(String nightlyAt) {
        this.nightlyAt = nightlyAt;
    }

    public boolean isUnderstood() {
        return understood;
    }

    public void setUnderstood(boolean understood) {
        this.understood = understood;
    }

    public DistrictId getDistrict() {
        return district;
    }

    public void setDistrict(DistrictId district) {
        this.district = district;
    }

    /** Never shows the secret (forms end up in debug output). */
    @Override
    public String toString() {
        return "ClassLinkForm[" + baseUrl + ", " + version + ", " + auth + ", client " + clientId + ", secret "
                + (blankToNull(clientSecret) == null ? "kept" : "****") + "]";
    }
}
