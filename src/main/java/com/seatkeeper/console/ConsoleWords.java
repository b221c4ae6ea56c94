package com.seatkeeper.console;

import com.seatkeeper.shared.BusinessRefusal;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A service's refusal in the console's words. The services' details are written for both the API and the console, but a
 * few tell an API client which call to make next ("GET /api/v1/…"): a console page speaks of pages and buttons instead.
 * Those refusals are reworded here by their stable {@code code}; every other detail is shown as the service says it.
 * Every console message of a refusal ({@link Flash}, {@link Forms}) goes through {@link #detail(BusinessRefusal)}.
 */
public final class ConsoleWords {
    private ConsoleWords() {
    }

    /** The refusal's detail for a console page: the service's own, or the console's words where it names an API call. */
    public static String detail(BusinessRefusal refusal) {
        return switch (refusal.code()) {
            case "import_in_progress" -> "Another upload or sync of this district is running. Wait until it ends (its report on "
                    + "the Upload page says when), then try again.";
            case "unknown_school" -> "A school chosen is not a school of this district (or not yours). Reload the page and choose "
                    + "one of the schools it lists.";
            case "unknown_product" -> "There is no such product. Reload the page and choose one of the products it lists.";
            default -> apiFree(refusal.detail());
        };
    }

    /**
     * A service's text without an API call in it: a sentence or parenthesis naming one ("… (GET /api/v1/x).") is left out;
     * the rest of the text stands. The safety net for a detail not reworded by code above.
     */
    public static String apiFree(String text) {
        if (text == null || !text.contains("/api/v1")) {
            return text;
        }
        String unbracketed = text.replaceAll("\\s*\\([^()]*/api/v1[^()]*\\)", "");
        return Arrays.stream(unbracketed.split("(?<=[.!?])\\s+")).filter(sentence -> !sentence.contains("/api/v1"))
                .collect(Collectors.joining(" ")).strip();
    }
}
