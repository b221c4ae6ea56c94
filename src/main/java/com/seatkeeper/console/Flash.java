package com.seatkeeper.console;

import com.seatkeeper.licensing.LicenseRefusal;
import com.seatkeeper.shared.BusinessRefusal;
import java.io.Serializable;

/**
 * The one message of the console, shown where an action was taken by {@code fragments/messages :: flash}: done
 * ({@code ok}), done with a caveat ({@code warn}) or refused ({@code error}).
 *
 * @param kind      {@code ok}, {@code warn} or {@code error} (also the CSS class of the alert)
 * @param title     a short bold lead ("Nothing was changed."), or null
 * @param text      what happened and, for a refusal, what to do next; may be null when the title says it all
 * @param nextSteps whether the page adds its links for "no licenses available" (free a license, request more)
 */
public record Flash(String kind, String title, String text, boolean nextSteps) implements Serializable { // may be kept in the session

    /** Done: one sentence. */
    public static Flash ok(String text) {
        return new Flash("ok", null, text, false);
    }

    /** Done, with a lead and a detail. */
    public static Flash ok(String title, String detail) {
        return new Flash("ok", title, detail, false);
    }

    /** Done in part, or nothing to do: the lead says what, the detail what to do next (or null). */
    public static Flash warn(String title, String detail) {
        return new Flash("warn", title, detail, false);
    }

    /** Refused by the console before any service call (nothing chosen, say). */
    public static Flash error(String text) {
        return new Flash("error", null, text, false);
    }

    /** Refused with a lead and a detail. */
    public static Flash error(String title, String detail) {
        return new Flash("error", title, detail, false);
    }

    /** A service's refusal: its title and detail; "no licenses available" asks for the next-step links. */
    public static Flash refused(BusinessRefusal r) {
        return new Flash("error", r.title(), ConsoleWords.detail(r), r instanceof LicenseRefusal.NoLicensesAvailable);
    }

    /** A service's refusal under the lead "Nothing was changed." (roster and school pages). */
    public static Flash notChanged(BusinessRefusal r) {
        return new Flash("error", "Nothing was changed.", ConsoleWords.detail(r), r instanceof LicenseRefusal.NoLicensesAvailable);
    }

    /** Whether this is a refusal (the page keeps what was selected). */
    public boolean isError() {
        return "error".equals(kind);
    }
}
