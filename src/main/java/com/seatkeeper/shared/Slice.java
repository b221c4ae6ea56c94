package com.seatkeeper.shared;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page of a keyset-paged list: its rows, how many rows the whole list has (exact up to
 * {@link Total#EXACT_UP_TO}, else "more than"), and the cursors of the pages after and before it.
 *
 * @param items      the rows, in the list's order
 * @param total      the list's size
 * @param nextCursor the {@code after} of the next page, null on the last page
 * @param prevCursor the {@code before} of the page before, null on the first page
 */
public record Slice<T>(List<T> items, Total total, String nextCursor, String prevCursor) {

    /**
     * A list's size: counted exactly up to {@link #EXACT_UP_TO} rows, else only known to be larger (counting a
     * million rows on every page is what made large districts slow, issue 12).
     *
     * @param value the number of rows when {@code exact}, else {@link #EXACT_UP_TO}
     * @param exact whether {@code value} is the list's size
     */
    public record Total(long value, boolean exact) {
        public static final long EXACT_UP_TO = 10_000;

        /** From the count of at most {@code EXACT_UP_TO + 1} rows. */
        public static Total ofCapped(long counted) {
            return counted > EXACT_UP_TO ? new Total(EXACT_UP_TO, false) : new Total(counted, true);
        }

        /** "1,234" or "more than 10,000". */
        public String label() {
            return exact ? String.format(Locale.ROOT, "%,d", value) : "more than " + String.format(Locale.ROOT, "%,d", value);
        }
    }

    public <R> Slice<R> map(Function<T, R> f) {
        return new Slice<>(items.stream().map(f).toList(), total, nextCursor, prevCursor);
    }

    /**
     * 200 with the items as a JSON array and the headers every keyset list of the API sends (docs/design.md "Paged
     * lists"): {@code X-Total-Count} when the size is exact, else {@code X-Total-Count-Exceeds: 10000}; unless this is the
     * last page, {@code X-Next-Cursor} and {@code Link: <…>; rel="next"} (RFC 8288). The link is a relative reference
     * (RFC 3986 §4.2: the request's path and query with {@code after} set and {@code offset} left out), so no Host header
     * a caller sends ends up in it.
     */
    public ResponseEntity<List<T>> toResponse() {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        ok.header(total.exact() ? "X-Total-Count" : "X-Total-Count-Exceeds", Long.toString(total.value()));
        if (nextCursor != null) {
            ok.header("X-Next-Cursor", nextCursor);
            ok.header(HttpHeaders.LINK, "<" + nextLink(nextCursor) + ">; rel=\"next\"");
        }
        return ok.body(items);
    }

    /** The current request's path and query (as sent, still encoded) with {@code after} replaced and no {@code offset}. */
    private static String nextLink(String cursor) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        String query = request.getQueryString();
        // not re-encoded and not re-validated: the path and the other parameters go back exactly as the caller sent them
        return UriComponentsBuilder.fromPath(request.getRequestURI()).query(query).replaceQueryParam("offset")
                .replaceQueryParam("before").replaceQueryParam("after", cursor).build().toUriString();
    }
}
