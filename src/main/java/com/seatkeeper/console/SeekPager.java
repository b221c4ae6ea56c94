package com.seatkeeper.console;

import com.seatkeeper.shared.Slice;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The "Previous" and "Next" links of a keyset-paged list ({@link Slice}), for {@code fragments/seek-pager :: pager}.
 * The links keep the list's filters ({@code params}) and carry the slice's cursors as {@code before} and {@code after}.
 *
 * @param path   the list's path, e.g. {@code /people}
 * @param params the list's filters as query parameters ({@link Pager#query}); blank ones are left out
 * @param slice  the page shown
 */
public record SeekPager(String path, Map<String, String> params, Slice<?> slice) {

    /** Whether the list has more than one page. */
    public boolean needed() {
        return hasPrev() || hasNext();
    }

    public boolean hasPrev() {
        return slice.prevCursor() != null;
    }

    public boolean hasNext() {
        return slice.nextCursor() != null;
    }

    /** "50 shown of 1,234" or "50 shown of more than 10,000". */
    public String range() {
        return slice.items().size() + " shown of " + slice.total().label();
    }

    /** The link to the page before, relative to the application. */
    public String prevHref() {
        return href("before", slice.prevCursor());
    }

    /** The link to the page after, relative to the application. */
    public String nextHref() {
        return href("after", slice.nextCursor());
    }

    private String href(String name, String cursor) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        params.forEach(b::queryParam);
        return b.queryParam(name, cursor).encode().build().toUriString();
    }
}
