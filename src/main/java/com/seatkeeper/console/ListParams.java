package com.seatkeeper.console;

import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.SeekRequest;
import com.seatkeeper.shared.Text;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The one console reading of a list's query parameters (plain functions, unit-tested in ListParamsTest): the position
 * ({@code after}, {@code before}, {@code offset}), the filters chosen from a fixed set ({@code role}, {@code action}) or
 * naming an id ({@link #idFilter}), and the typed search texts ({@link Typed}).
 * A value the list cannot take is never coerced in silence: the page shows the first page (or the list unfiltered) with
 * an inline message in the console's words saying what was wrong ({@link #problem}), as for a "Next" link that went stale.
 */
public final class ListParams {
    private static final Pattern CANONICAL_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** What is shown when a list's position cannot be used. */
    static final String FIRST_PAGE = " Showing the first page.";

    private ListParams() {}

    /**
     * Where a keyset list starts: after or before a cursor, or at a small offset of an old bookmark; or the first page
     * and why, when the address asks for a position the list does not serve.
     *
     * @param request the page to read
     * @param problem what was wrong with the address, in console words, or null
     */
    public record Position(SeekRequest request, String problem) {

        /**
         * Reads the page with {@code list}; a cursor the list refuses (out of date, changed, of another list or filter)
         * reads the first page instead and says so.
         */
        public <T> Read<T> read(Function<SeekRequest, T> list) {
            try {
                return new Read<>(list.apply(request), this);
            } catch (InvalidRequestException e) {
                if (!"invalid_cursor".equals(e.code())) {
                    throw e;
                }
                Position first = new Position(SeekRequest.first(request.limit()), "This page's link is out of date or was changed, so "
                        + "it no longer points into this list." + FIRST_PAGE);
                return new Read<>(list.apply(first.request()), first);
            }
        }

        /** Whether the page shown is not the list's first (it has a page before it). */
        public boolean notFirst() {
            return request.cursor() != null || request.offset() > 0;
        }
    }

    /**
     * A text typed in a search field (a list's {@code q}, a picker's {@code fromQ}…) as the address gives it. A form sends
     * each field once; an address that gives one twice ({@code fromQ=a&fromQ=b}, put together by hand) is not one text,
     * and is never searched for as "a,b" (what Spring's binding of a {@code String} would make of it).
     *
     * @param text     the (first) value, or null when the parameter is absent
     * @param repeated whether the parameter is given more than once
     */
    public record Typed(String text, boolean repeated) {
        /** No text typed. */
        public static final Typed NONE = new Typed(null, false);

        /** Parameter {@code name} of a request's parameters ({@code ServletRequest#getParameterMap}). */
        public static Typed of(Map<String, String[]> params, String name) {
            String[] values = params.get(name);
            return values == null || values.length == 0 ? NONE : new Typed(values[0], values.length > 1);
        }

        /** Why the text cannot be searched for, in console words ({@link #searchProblem}), or null when it can. */
        public String problem() {
            return repeated ? REPEATED : searchProblem(text);
        }

        /** The text to search for: null (no search) when it cannot be searched for. */
        public String searched() {
            return problem() == null ? text : null;
        }

        /** The text to show back in the search field: none when the address gave several. */
        public String shown() {
            return repeated ? null : text;
        }
    }

    /** What a search field given twice in an address says. */
    static final String REPEATED = "This page's address gives the search text more than once, so nothing was searched for. Type it once.";

    /** A page read at a {@link Position}, with the position actually used (the first page after a refusal). */
    public record Read<T>(T page, Position position) {}

    /** The position of {@code pageSize} rows given by the address's {@code after}, {@code before} and {@code offset}. */
    public static Position position(int pageSize, String after, String before, String offset) {
        boolean hasAfter = after != null && !after.isBlank();
        boolean hasBefore = before != null && !before.isBlank();
        if (hasAfter && hasBefore) {
            return first(pageSize, "This page's link names two positions in the list.");
        }
        Integer skip = offset(offset, SeekRequest.MAX_OFFSET);
        if (skip == null) {
            return first(pageSize, "The position in this page's address (offset " + shown(offset) + ") is not a whole number from 0 to "
                    + String.format(Locale.ROOT, "%,d", SeekRequest.MAX_OFFSET) + ". To go further, use Next.");
        }
        if (skip > 0 && (hasAfter || hasBefore)) {
            return first(pageSize, "This page's link names two positions in the list.");
        }
        return new Position(new SeekRequest(pageSize, after, before, skip), null);
    }

    /**
     * An offset written as a whole number from 0 to {@code max} (blank: 0), or null when it is not one.
     */
    public static Integer offset(String value, int max) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String v = value.strip();
        if (!v.matches("[0-9]{1,10}")) {
            return null;
        }
        long n = Long.parseLong(v);
        return n > max ? null : (int) n;
    }

    /**
     * The rows to skip of an offset-paged list (a run history, a run's problems) as the address gives them: 0 when blank,
     * else a whole number from 0 to {@code max}; anything else is 0 and why, in console words ({@link #offsetProblem}),
     * shown inline on the list's first page — never a negative number taken as 0 in silence, nor the "Check the input" page.
     *
     * @param further what to do instead of a deeper offset, for the message
     */
    public static Skip skip(String value, int max, String further) {
        Integer n = offset(value, max);
        return n == null ? new Skip(0, offsetProblem(value, max, further)) : new Skip(n, null);
    }

    /** Where an offset-paged list starts, and what was wrong with the address's offset (null when nothing). */
    public record Skip(int rows, String problem) {}

    /** The message of an offset past {@code max} or not a number, in console words. */
    public static String offsetProblem(String value, int max, String further) {
        return "The position in this page's address (offset " + shown(value) + ") is not a whole number from 0 to "
                + String.format(Locale.ROOT, "%,d", max) + ". " + further + FIRST_PAGE;
    }

    /**
     * A filter chosen from {@code allowed} (blank: none), or why the value is none of them.
     *
     * @param label what the filter is, for the message ("Role", "Action")
     * @return null when the value is blank or allowed, else the message (the list is then shown without this filter)
     */
    public static String problem(String label, String value, Collection<String> allowed) {
        if (value == null || value.isBlank() || allowed.contains(value)) {
            return null;
        }
        return label + " “" + shown(value) + "” is not one of the choices, so the list is not filtered by it. Choose one from the list.";
    }

    /**
     * A filter naming one row by id (the ledger's person, the people list's school): none when blank, the id when it is
     * written as one (8-4-4-4-12 hex digits), else none and why, in the words of {@link #problem} (the list is then shown
     * without this filter, with the message inline, as for a fixed-choice filter; never the page-wide "Not found").
     * Whether the id names a row the caller may see is the service's to decide, as for any id.
     *
     * @param <T> the typed id
     */
    public record IdFilter<T>(T id, String problem) {
        /**
         * This filter when its id is one the page offers ({@code offered}: the schools of the filter's menu, the people the
         * reader may see), else none and the same message as for a malformed id: an id well-formed but of another
         * district, or of no row, is "not one of the choices" too, never an empty list without a word.
         *
         * @param label what the filter is, for the message ("Person", "School")
         */
        public IdFilter<T> offeredIn(String label, Predicate<T> offered) {
            return id == null || offered.test(id) ? this : new IdFilter<>(null, ListParams.problem(label, id.toString(), List.of()));
        }
    }

    /** The id filter {@code label} ("Person", "School") given as {@code value}; {@code make} types a well-formed id. */
    public static <T> IdFilter<T> idFilter(String label, String value, Function<UUID, T> make) {
        if (value == null || value.isBlank()) {
            return new IdFilter<>(null, null);
        }
        String v = value.strip();
        return CANONICAL_ID.matcher(v).matches() ? new IdFilter<>(make.apply(UUID.fromString(v)), null)
                : new IdFilter<>(null, problem(label, v, List.of()));
    }

    /**
     * Why a typed search text cannot be searched for ({@link Text#optionalLine}: one line of at most {@link Text#TITLE}
     * characters), in console words, or null when it can. The search fields say {@code maxlength} too, but a pasted or
     * typed-in address can still carry more.
     */
    public static String searchProblem(String typed) {
        return Text.optionalLine("q", typed, Text.TITLE).isEmpty() ? null
                : "Type part of a name or email to search for: at most " + Text.TITLE + " characters, on one line.";
    }

    private static Position first(int pageSize, String why) {
        return new Position(SeekRequest.first(pageSize), why + FIRST_PAGE);
    }

    /** A value as the message quotes it: at most 40 characters. */
    /** A value as the messages quote it: {@link Text#excerpt}, the one form every message that echoes input uses. */
    private static String shown(String value) {
        return Text.excerpt(value == null ? "" : value.strip());
    }
}
