package com.seatkeeper.console.licenses;

import com.seatkeeper.shared.Slice;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where a long list of the license pages is (holders and ledger, keyset-paged; educators, by offset), for the one pager
 * fragment ({@code fragments/pager :: pager}, which reads the same members as {@link com.seatkeeper.console.Pager}) with a
 * total that may be a lower bound ("more than 10,000"). The next link carries the list's cursor ({@code after}) or the
 * next offset; the link back goes to the first page, as these lists do not seek backwards. Nothing the address says is
 * shown unchecked: a keyset page says how many rows it shows, an offset page its range from the validated offset.
 *
 * @param path      the list's path
 * @param params    the list's filters as query parameters (blank ones left out)
 * @param from      rows before this page when known (an offset page), else null
 * @param notFirst  whether the page is not the list's first
 * @param shown     rows on this page
 * @param total     the list's total as shown, e.g. "1,234" or "more than 10,000"
 * @param next      the next page's query parameters ({@code after} or {@code offset}), or null on the last page
 * @param prevLabel text of the link to the first page
 * @param nextLabel text of the link to the next page
 */
public record CursorPager(String path, Map<String, String> params, Integer from, boolean notFirst, int shown, String total,
                          Map<String, String> next, String prevLabel, String nextLabel) {

    /** The pager of a keyset page: its next link carries the page's cursor. */
    public static CursorPager of(String path, Map<String, String> params, boolean notFirst, Slice<?> page) {
        Map<String, String> next = page.nextCursor() == null ? null : Map.of("after", page.nextCursor());
        return new CursorPager(path, params, null, notFirst, page.items().size(), page.total().label(), next, "First page", "Next");
    }

    /** The pager of a page read from a validated offset: its next link carries the next offset when there are more rows. */
    public static CursorPager ofOffset(String path, Map<String, String> params, int offset, int shown, String total, boolean more) {
        return new CursorPager(path, params, offset, offset > 0, shown, total,
                more ? Map.of("offset", Integer.toString(offset + shown)) : null, "First page", "Next");
    }

    /** The same pager with other labels for its links. */
    public CursorPager labelled(String prev, String next) {
        return new CursorPager(path, params, from, notFirst, shown, total, this.next, prev, next);
    }

    public boolean needed() {
        return hasPrev() || hasNext();
    }

    public boolean hasPrev() {
        return notFirst;
    }

    public boolean hasNext() {
        return next != null;
    }

    /** "51–100 of 1,234" on an offset page, "50 shown of more than 10,000" on a keyset page (or "0 of 0"). */
    public String range() {
        if (shown == 0) {
            return "0 of " + total;
        }
        return from == null ? String.format(Locale.ROOT, "%,d shown of %s", shown, total)
                : String.format(Locale.ROOT, "%,d–%,d of %s", from + 1, from + shown, total);
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
