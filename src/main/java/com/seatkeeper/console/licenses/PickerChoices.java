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

    /** The matches of {@code typed} by {@code search}, unless the text cannot be searched for. */
    static PickerChoices search(String typed, Function<String, Choices> search) {
        String problem = ListParams.searchProblem(typed);
        if (problem != null) {
            return new PickerChoices(List.of(), false, problem);
        }
        Choices found = search.apply(typed);
        return new PickerChoices(found.items(), found.more(), null);
    }
}
