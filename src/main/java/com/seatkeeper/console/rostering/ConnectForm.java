package com.seatkeeper.console.rostering;

import com.seatkeeper.rostersync.RosteringChange;
import com.seatkeeper.rostersync.RosteringView;
import com.seatkeeper.shared.DistrictId;

/**
 * The "Connect Clever" form: the API root ({@code baseUrl}, Clever's public one by default), the district-app token (a
 * password field never filled back: left empty it keeps the stored token), the API version ({@code 3.0} or
 * {@code 3.1}), the nightly sync's local time ({@code HH:mm}), the acknowledgement that connecting a manual district
 * makes its roster read-only, and, for the vendor admin, the district. Field names are those of the API's
 * {@code clever} block; the service checks every value ({@code RosteringSettings.connect}).
 */
public class ConnectForm {
    /** Clever's public API root, the default of {@code baseUrl}. */
    public static final String CLEVER_API = "https://api.clever.com";

    private String baseUrl = CLEVER_API;
    private String districtToken = "";
    private String apiVersion = "3.0";
    private String nightlyAt = "02:00";
    private boolean understood;
    private DistrictId district;

    /** The form filled from the stored connection (never its token), or with the defaults when there is none. */
    static ConnectForm of(RosteringView view, DistrictId district) {
        ConnectForm form = new ConnectForm();
        form.setDistrict(district);
        if (view != null && view.clever() != null) {
            form.setBaseUrl(view.clever().baseUrl());
            form.setApiVersion(view.clever().apiVersion());
        }
        if (view != null && view.nightlyAt() != null) {
            form.setNightlyAt(view.nightlyAt());
        }
        return form;
    }

    /** The change to ask for: a blank base URL is Clever's default; a blank token keeps the stored one. */
    RosteringChange toChange() {
        return new RosteringChange("CLEVER", new RosteringChange.Clever(blankToNull(baseUrl), blankToNull(districtToken),
                blankToNull(apiVersion)), null, blankToNull(nightlyAt));
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

    public String getDistrictToken() {
        return districtToken;
    }

    public void setDistrictToken(String districtToken) {
        this.districtToken = districtToken;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
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

    /** Never shows the token (forms end up in debug output). */
    @Override
    public String toString() {
        return "ConnectForm[" + baseUrl + ", v" + apiVersion + ", " + nightlyAt + ", token " + (blankToNull(districtToken) == null ? "kept"
                : "****") + "]";
    }
}
