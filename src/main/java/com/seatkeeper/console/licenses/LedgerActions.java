package com.seatkeeper.console.licenses;

import com.seatkeeper.licensing.SeatAction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ledger's actions in words, for the ledger's filter and its Action column: every {@link SeatAction} (the one list,
 * so a new action appears in the filter without a copy here going stale).
 */
final class LedgerActions {
    private LedgerActions() {
    }

    /** Every action's name (the filter's value) to its words, in {@link SeatAction}'s order. */
    static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        Arrays.stream(SeatAction.values()).forEach(a -> labels.put(a.name(), label(a)));
        return labels;
    }

    /** The words for one action, e.g. "Released: removed by an upload". */
    static String label(SeatAction action) {
        return switch (action) {
            case POOL_OPENED -> "Pool opened";
            case PURCHASED -> "Seats purchased";
            case ASSIGNED -> "Assigned";
            case UNASSIGNED -> "Unassigned";
            case REASSIGNED -> "Reassigned";
            case RELEASED_BY_SYNC -> "Released: left in a roster sync";
            case RELEASED_BY_UPLOAD -> "Released: left in a roster upload";
            case RELEASED_BY_DEACTIVATION -> "Released: person deactivated";
            case RELEASED_BY_ROSTER_CHANGE -> "Released: roster change (role or school)";
            case EXPIRED -> "Expired";
            case RENEWED -> "Renewed";
            case REFUSED -> "Refused: no license available";
        };
    }
}
