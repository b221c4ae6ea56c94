package com.seatkeeper.console.licenses;

/**
 * The type-ahead person pickers of the license pages: which form field a choice fills, the id of the element the matches
 * replace, and the words around it. One fragment renders them all ({@code licenses/fragments :: choices}): radio buttons
 * (keyboard usable, labelled) for the first matches and "type more to narrow" when more match, never a silent cap.
 */
public enum Picker {
    /** The holders page's "give a license": people without one. */
    ASSIGN("userId", "q", "assign-choices", "Person without a license"),
    /** The holders page's reassignment target: people without a license. */
    TO("toUserId", "toQ", "reassign-to-choices", "To (person without a license)"),
    /** The holders page's reassignment source: holders of the pool. */
    FROM("fromUserId", "fromQ", "reassign-from-choices", "From (holder)"),
    /** The educators page's reassignment source: holders of the district's educator pools. */
    EDUCATOR_FROM("fromUserId", "fromQ", "educator-from-choices", "Reassign from (current holder)"),
    /** The ledger's person filter: people in the pool's ledger. */
    LEDGER("user", "userQ", "ledger-user-choices", "Person");

    private final String field;
    private final String query;
    private final String elementId;
    private final String legend;

    Picker(String field, String query, String elementId, String legend) {
        this.field = field;
        this.query = query;
        this.elementId = elementId;
        this.legend = legend;
    }

    /** The form field a chosen person's id is sent as. */
    public String field() {
        return field;
    }

    /** The query parameter the typed text is sent as (its search field's name). */
    public String query() {
        return query;
    }

    /** The id of the element holding the matches (the htmx target). */
    public String elementId() {
        return elementId;
    }

    /** The words that label the matches. */
    public String legend() {
        return legend;
    }

    /** The picker a request names ({@code picker=TO}), or the fallback for a missing or unknown name. */
    static Picker named(String name, Picker fallback) {
        for (Picker p : values()) {
            if (p.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return p;
            }
        }
        return fallback;
    }
}
