package com.seatkeeper.console.classes;

import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.Slice;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The links around a page of the "add existing students" picker: each as a plain link to the class page (without
 * JavaScript) and as the htmx address of the picker's fragment ({@code /classes/{id}/candidates}), keeping the search.
 *
 * @param more a sentence when more students match than are shown ("type more to narrow"), else null
 */
record CandidatePages(String nextHref, String nextFragment, String prevHref, String prevFragment, String more) {

    static CandidatePages of(ClassId classId, String q, Slice<RosterUser> found) {
        String edit = "/classes/" + classId + "/edit";
        String fragment = "/classes/" + classId + "/candidates";
        String next = found.nextCursor();
        String prev = found.prevCursor();
        String more = next == null ? null : found.total().label() + " students match; " + found.items().size()
                + " are shown. Type more of a name or email to narrow the list, or show the next ones.";
        return new CandidatePages(link(edit, q, "after", next), link(fragment, q, "after", next), link(edit, q, "before", prev),
                link(fragment, q, "before", prev), more);
    }

    private static String link(String path, String q, String name, String cursor) {
        if (cursor == null) {
            return null;
        }
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        if (q != null && !q.isBlank()) {
            b.queryParam("q", q);
        }
        return b.queryParam(name, cursor).encode().build().toUriString();
    }
}
