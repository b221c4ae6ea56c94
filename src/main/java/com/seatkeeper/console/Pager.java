package com.seatkeeper.console;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where a paged list is and the links to the pages around it, for {@code fragments/pager :: pager}.
 * The links keep the list's filters ({@code params}) and change only {@code offset}.
 *
 * @param path      the list's path, e.g. {@code /people}
 * @param params    the list's filters as query parameters (blank ones are left out of the links)
 * @param offset    index of the first row shown (0-based)
 * @param pageSize  rows per page
 * @param shown     rows on this page
 * @param total     rows in the whole list
 * @param prevLabel text of the link to the rows before ("Previous", "Newer")
 * @param nextLabel text of the link to the rows after ("Next", "Older")
 */
public record Pager(String path, Map<String, String> params, int offset, int pageSize, int shown, long total, String prevLabel,
                    String nextLabel) {

    /** A pager labelled "Previous" and "Next". */
    public static Pager of(String path, Map<String, String> params, int offset, int pageSize, int shown, long total) {
        return new Pager(path, params, offset, pageSize, shown, total, "Previous", "Next");
    }

    /** The same pager with other labels for its links. */
    public Pager labelled(String prev, String next) {
        return new Pager(path, params, offset, pageSize, shown, total, prev, next);
    }

    /** The filters of a list as query parameters, in order, without nulls. */
    public static Map<String, String> query(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null && !keysAndValues[i + 1].isBlank()) {
                out.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return out;
    }

    /** Whether the list has more than one page. */
    public boolean needed() {
        return hasPrev() || hasNext();
    }

    public boolean hasPrev() {
        return offset > 0;
    }

    public boolean hasNext() {
        return offset + pageSize < total;
    }

    /** "51–100 of 300" (or "0 of 0"). */
    public String range() {
        return shown == 0 ? "0 of " + total : (offset + 1) + "–" + (offset + shown) + " of " + total;
    }

    /** The link to the page before, relative to the application. */
    public String prevHref() {
        return href(Math.max(0, offset - pageSize));
    }

    /** The link to the page after, relative to the application. */
    public String nextHref() {
        return href(offset + pageSize);
    }

    private String href(int at) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        params.forEach(b::queryParam);
        return b.queryParam("offset", at).encode().build().toUriString();
    }
}
