package com.seatkeeper.console.licenses;

import com.seatkeeper.licensing.LicenseRefusal;
import com.seatkeeper.shared.BusinessRefusal;

/**
 * A message shown where an action was taken: done (ok), or refused with the refusal's detail;
 * {@code nextSteps} asks the page to add the links for "no licenses available".
 */
public record Flash(String kind, String title, String text, boolean nextSteps) implements java.io.Serializable { // may be kept in the session
    public static Flash ok(String text) {
        return new Flash("ok", null, text, false);
    }

    public static Flash error(String text) {
        return new Flash("error", null, text, false);
    }

    public static Flash refused(BusinessRefusal r) {
        return new Flash("error", r.title(), r.detail(), r instanceof LicenseRefusal.NoLicensesAvailable);
    }

    public boolean isError() {
        return "error".equals(kind);
    }
}
