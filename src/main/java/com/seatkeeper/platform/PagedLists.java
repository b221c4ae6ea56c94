package com.seatkeeper.platform;

/**
 * The one description of how every keyset-paged list of the API answers (docs/design.md "Paged lists"), for the OpenAPI
 * document: the same parameters, headers and refusals on {@code …/users}, {@code …/classes},
 * {@code /license-pools/{id}/assignments} and {@code …/ledger} (ApiContractTest checks each).
 */
public final class PagedLists {
    public static final String PAGING = "Keyset paging: the first page without after; each page but the last names the next in "
            + "`Link: <…>; rel=\"next\"` (a relative reference) and `X-Next-Cursor` (pass it unchanged as after). `offset` is taken "
            + "up to 1,000 (400 offset_not_supported past it). The size of the list is in `X-Total-Count` when exact, else "
            + "`X-Total-Count-Exceeds: 10000`. A cursor that this list did not hand out (edited, cut short, of another list or "
            + "filter) is 400 invalid_cursor naming after.";
    public static final String LIMIT = "rows per page, 1 to 1,000 (default 100)";
    public static final String AFTER = "the cursor of the next page, from the previous page's Link rel=\"next\" or X-Next-Cursor "
            + "(opaque and sealed: pass it unchanged, with the same filters)";
    public static final String OFFSET = "rows to skip, 0 to 1,000, without after; page further with after";
    public static final String TOTAL = "rows in the list, when counted exactly (absent past 10,000 rows: see X-Total-Count-Exceeds)";
    public static final String EXCEEDS = "10000: the list has more rows than are counted (instead of X-Total-Count)";
    public static final String LINK = "RFC 8288 link to the next page, rel=\"next\", relative to the request (absent on the last page)";
    public static final String NEXT = "the after cursor of the next page (absent on the last page)";

    private PagedLists() {}
}
