package com.seatkeeper.console.licenses;

import com.seatkeeper.console.ListParams;
import com.seatkeeper.licensing.Choices;
import java.util.List;
import java.util.function.Function;

/**
 * What a type-ahead picker shows ({@code licenses/fragments :: choices}): the matches of the service's search, or, for a
 * text that cannot be searched for (too long, more than one line), no one and what is wrong, inline in the picker, so an
 * htmx swap never turns into an error page.
 *
 * @param items   the people offered
 * @param more    whether more people match than are offered
 * @param problem what is wrong with the typed text, or null
 */
public record PickerChoices(List<Choices.Choice> items, boolean more, String problem) {
    /** A picker with no one to offer. */
    static final PickerChoices NONE = new PickerChoices(List.of(), false, null);

    /**
     * The matches of {@code typed} by {@code search}, unless the text cannot be searched for (too long, more than one
     * line, given twice: {@link ListParams.Typed#problem}). The caller and the pool are checked first, as for any text:
     * {@code search} is the service's, which refuses another district's pool (404) or a role that may not read it (403)
     * before it reads the text, so a text that cannot be searched for still meets those refusals first — it is searched
     * as no text ({@code null}), and what is wrong with it is said instead of the matches.
     */
    static PickerChoices search(ListParams.Typed typed, Function<String, Choices> search) {
        String problem = typed.problem();
        Choices found = search.apply(problem == null ? typed.text() : null);
        return problem == null ? new PickerChoices(found.items(), found.more(), null) : new PickerChoices(List.of(), false, problem);
    }
}
