package com.seatkeeper.licensing;

import com.seatkeeper.shared.BusinessRefusal;
import java.util.Map;

/** Why a page of a licensing list (holders, ledger) was refused: the request named a position the list cannot seek to. */
public sealed interface ListRefusal extends BusinessRefusal {

    /** The {@code after} cursor is not one this list handed out (malformed, edited, or from another list or filter). */
    record InvalidCursor(String why) implements ListRefusal {
        public String code() { return "invalid_cursor"; }
        public int status() { return 400; }
        public String title() { return "Invalid cursor"; }
        public String detail() {
            return "after " + why + ". Use the cursor of the previous page's next link unchanged, with the same filters, "
                    + "or leave after out to start from the first page.";
        }
        @Override public Map<String, Object> properties() { return Map.of("field", "after"); }
    }

    /** An {@code offset} deeper than {@link ListRequest#MAX_OFFSET}, or an offset together with a cursor. */
    record OffsetNotSupported(int offset, boolean withCursor) implements ListRefusal {
        public String code() { return "offset_not_supported"; }
        public int status() { return 400; }
        public String title() { return "Use the next link"; }
        public String detail() {
            return withCursor ? "Give either offset or after, not both: after already names where the page starts."
                    : "offset " + offset + " is past " + ListRequest.MAX_OFFSET + ", the deepest offset this list serves. Page with "
                    + "after instead: each page's next link (Link header, rel=\"next\") carries the cursor of the page after it.";
        }
        @Override public Map<String, Object> properties() { return Map.of("field", "offset", "maxOffset", ListRequest.MAX_OFFSET); }
    }
}
