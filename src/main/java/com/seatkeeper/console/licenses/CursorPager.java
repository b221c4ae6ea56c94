package com.seatkeeper.console.licenses;

import com.seatkeeper.licensing.Listing;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where a long list of the license pages is (holders and ledger, keyset-paged; educators), for the one pager fragment
 * ({@code fragments/pager :: pager}, which reads the same members as {@link com.seatkeeper.console.Pager}) with a total
 * that may be a lower bound ("more than 10,000"). The next link carries the list's cursor ({@code after}) and, for the
 * range text only, how many rows came before ({@code from}), or the next offset; the link back goes to the first page,
 * as a keyset list cannot seek backwards cheaply.
 *
 * @param path      the list's path
 * @param params    the list's filters as query parameters (blank ones left out)
 * @param from      rows before this page (display only)
 * @param shown     rows on this page
 * @param total     the list's total, exact or a lower bound
 * @param next      the next page's query parameters ({@code after} and {@code from}, or {@code offset}), or null on the
 *                  last page
 * @param prevLabel text of the link to the first page
 * @param nextLabel text of the link to the next page
 */
public record CursorPager(String path, Map<String, String> params, int from, int shown, Listing.Total total,
                          Map<String, String> next, String prevLabel, String nextLabel) {

    /** The pager of a keyset page: its next link carries the page's cursor. */
    public static CursorPager of(String path, Map<String, String> params, int from, Listing<?> page) {
        int shown = page.items().size();
        Map<String, String> next = page.next() == null ? null
                : Map.of("after", page.next(), "from", Integer.toString(Math.max(from, 0) + shown));
        return new CursorPager(path, params, Math.max(from, 0), shown, page.total(), next, "First page", "Next");
    }

    /** The pager of a page read from an offset: its next link carries the next offset when there are more rows. */
    public static CursorPager ofOffset(String path, Map<String, String> params, int offset, int shown, Listing.Total total, boolean more) {
        return new CursorPager(path, params, offset, shown, total, more ? Map.of("offset", Integer.toString(offset + shown)) : null,
                "First page", "Next");
    }

    /** The same pager with other labels for its links. */
    public CursorPager labelled(String prev, String next) {
        return new CursorPager(path, params, from, shown, total, this.next, prev, next);
    }

    public boolean needed() {
        return hasPrev() || hasNext();
    }

    public boolean hasPrev() {
        return from > 0;
    }

    public boolean hasNext() {
        return next != null;
    }

    /** "51–100 of 1,234", "51–100 of more than 10,000" (or "0 of 0"). */
    public String range() {
        return shown == 0 ? "0 of " + total.label() : String.format("%,d–%,d of %s", from + 1, from + shown, total.label());
    }

    public String prevHref() {
        return builder().encode().build().toUriString();
    }

    public String nextHref() {
        UriComponentsBuilder b = builder();
        next.forEach(b::queryParam);
        return b.encode().build().toUriString();
    }

    private UriComponentsBuilder builder() {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        params.forEach(b::queryParam);
        return b;
    }
}
