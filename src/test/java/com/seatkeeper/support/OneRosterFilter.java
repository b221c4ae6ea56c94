package com.seatkeeper.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed {@code filter} query parameter of OneRoster 1.1 and 1.2 (§3.4.2 "Filtering" of the REST bindings): one or more
 * comparisons {@code <field><predicate>'<value>'} joined by {@code AND} / {@code OR} (AND binds tighter), predicates
 * {@code =}, {@code !=}, {@code >}, {@code >=}, {@code <}, {@code <=} and {@code ~} (contains, case-insensitive), values in
 * single quotes, spaces allowed around predicates and operators. A field may be dotted ({@code school.sourcedId}); a field
 * holding an array matches when any element does. Values that both read as instants (or dates, taken at midnight UTC) are
 * compared in time, others as text.
 *
 * <p>An unparsable filter or a field the collection does not have is refused by {@link #parse} with a message saying which;
 * the server answers it with 400 and {@code invalid_filter_field}, as the specs define.
 */
final class OneRosterFilter {
    /** Fields each rostering collection has (OneRoster 1.1 and 1.2 together); other collections accept any field. */
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "orgs", Set.of("name", "type", "identifier", "parent", "children"),
            "academicSessions", Set.of("title", "startDate", "endDate", "type", "parent", "children", "schoolYear"),
            "courses", Set.of("title", "schoolYear", "courseCode", "grades", "subjects", "org", "subjectCodes", "resources"),
            "classes", Set.of("title", "classCode", "classType", "location", "grades", "subjects", "course", "school", "terms",
                    "subjectCodes", "periods", "resources"),
            "users", Set.of("username", "userIds", "enabledUser", "givenName", "familyName", "middleName", "role", "roles", "orgs",
                    "identifier", "email", "sms", "phone", "agents", "grades", "password", "userMasterIdentifier", "preferredFirstName",
                    "preferredMiddleName", "preferredLastName", "pronouns", "primaryOrg", "userProfiles", "resources"),
            "enrollments", Set.of("user", "class", "school", "role", "primary", "beginDate", "endDate"));
    private static final Set<String> COMMON = Set.of("sourcedId", "status", "dateLastModified", "metadata");
    /** Fields read from what the data holds of every record, without building it. */
    private static final Set<String> HELD = Set.of("sourcedId", "status", "dateLastModified");

    /** One comparison; {@code time} is the value read as an instant, or null. */
    record Comparison(String field, String predicate, String value, Instant time) {
        Comparison(String field, String predicate, String value) {
            this(field, predicate, value, OneRosterFilter.time(value));
        }
    }

    /** Comparisons in OR groups of AND terms: {@code a AND b OR c} is {@code [[a, b], [c]]}. */
    private final List<List<Comparison>> anyOf;

    private OneRosterFilter(List<List<Comparison>> anyOf) {
        this.anyOf = anyOf;
    }

    /**
     * Parses a filter for a collection.
     *
     * @throws IllegalArgumentException with a message naming what is wrong (a missing quote, an unknown predicate, a field
     *                                  {@code collection} does not have)
     */
    static OneRosterFilter parse(String filter, String collection) {
        List<List<Comparison>> groups = new ArrayList<>();
        List<Comparison> group = new ArrayList<>();
        int[] at = {skipSpaces(filter, 0)};
        if (at[0] == filter.length()) {
            throw new IllegalArgumentException("the filter is empty");
        }
        while (true) {
            group.add(comparison(filter, at, collection));
            int i = skipSpaces(filter, at[0]);
            if (i == filter.length()) {
                groups.add(group);
                return new OneRosterFilter(List.copyOf(groups));
            }
            if (filter.startsWith("AND ", i)) {
                at[0] = skipSpaces(filter, i + 4);
            } else if (filter.startsWith("OR ", i)) {
                groups.add(group);
                group = new ArrayList<>();
                at[0] = skipSpaces(filter, i + 3);
            } else {
                throw new IllegalArgumentException("expected AND or OR at position " + (i + 1) + " of the filter");
            }
        }
    }

    /** The comparison starting at {@code at[0]}; {@code at[0]} is moved past its closing quote. */
    private static Comparison comparison(String filter, int[] at, String collection) {
        int start = at[0];
        int i = start;
        while (i < filter.length() && isFieldChar(filter.charAt(i))) {
            i++;
        }
        String field = filter.substring(start, i);
        if (field.isEmpty()) {
            throw new IllegalArgumentException("expected a field name at position " + (start + 1) + " of the filter");
        }
        checkField(field, collection);
        i = skipSpaces(filter, i);
        String predicate = predicate(filter, i);
        i = skipSpaces(filter, i + predicate.length());
        if (i >= filter.length() || filter.charAt(i) != '\'') {
            throw new IllegalArgumentException("the value after " + field + predicate + " must be in single quotes");
        }
        int close = filter.indexOf('\'', i + 1);
        if (close < 0) {
            throw new IllegalArgumentException("the value after " + field + predicate + " has no closing quote");
        }
        at[0] = close + 1;
        return new Comparison(field, predicate, filter.substring(i + 1, close));
    }

    /** Refuses a field the collection does not have. @throws IllegalArgumentException naming it */
    static void checkField(String field, String collection) {
        String top = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
        Set<String> known = FIELDS.get(collection);
        if (known != null && !known.contains(top) && !COMMON.contains(top)) {
            throw new IllegalArgumentException(collection + " have no field " + top);
        }
    }

    private static String predicate(String filter, int i) {
        for (String p : List.of("!=", ">=", "<=", "=", ">", "<", "~")) {
            if (filter.startsWith(p, i)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected one of = != > >= < <= ~ at position " + (i + 1) + " of the filter");
    }

    private static boolean isFieldChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_';
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Whether any comparison is on the field (e.g. {@code dateLastModified}). */
    boolean mentions(String field) {
        return anyOf.stream().flatMap(List::stream).anyMatch(c -> c.field().equals(field));
    }

    /** The filter as a test of served entries: held fields are read without building the record. */
    Predicate<OneRosterData.Entry> matcher() {
        return entry -> {
            ObjectNode[] built = new ObjectNode[1];
            for (List<Comparison> group : anyOf) {
                boolean all = true;
                for (Comparison c : group) {
                    boolean held = c.field().equals("dateLastModified") && !c.predicate().equals("~") && c.time() != null
                            && entry.modified() != null;
                    if (held ? !holds(c.predicate(), entry.modified().compareTo(c.time())) : !test(c, values(c.field(), entry, built))) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    return true;
                }
            }
            return false;
        };
    }

    private static List<String> values(String field, OneRosterData.Entry entry, ObjectNode[] built) {
        if (HELD.contains(field)) {
            String v = switch (field) {
                case "sourcedId" -> entry.sourcedId();
                case "status" -> entry.status();
                default -> entry.dateLastModified();
            };
            return v == null ? List.of() : List.of(v);
        }
        if (built[0] == null) {
            built[0] = entry.record().get();
        }
        List<JsonNode> nodes = List.of(built[0]);
        for (String part : field.split("\\.")) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : nodes) {
                JsonNode v = n.get(part);
                if (v != null && v.isArray()) {
                    v.forEach(next::add);
                } else if (v != null && !v.isNull()) {
                    next.add(v);
                }
            }
            nodes = next;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            if (n.isValueNode()) {
                out.add(n.asString());
            } else if (n.has("sourcedId")) {
                out.add(n.get("sourcedId").asString());
            }
        }
        return out;
    }

    private static boolean test(Comparison c, List<String> values) {
        for (String v : values) {
            if (compare(c, v)) {
                return true;
            }
        }
        return c.predicate().equals("!=") && values.isEmpty();
    }

    private static boolean compare(Comparison c, String actual) {
        if (c.predicate().equals("~")) {
            return actual.toLowerCase(Locale.ROOT).contains(c.value().toLowerCase(Locale.ROOT));
        }
        Instant a = time(actual);
        Instant b = c.time();
        return holds(c.predicate(), a != null && b != null ? a.compareTo(b) : actual.compareTo(c.value()));
    }

    private static boolean holds(String predicate, int cmp) {
        return switch (predicate) {
            case "=" -> cmp == 0;
            case "!=" -> cmp != 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "<" -> cmp < 0;
            default -> cmp <= 0;
        };
    }

    private static Instant time(String s) {
        if (s.length() < 10 || s.charAt(4) != '-') {
            return null;
        }
        Instant i = OneRosterData.instant(s);
        if (i != null || s.length() != 10) {
            return i;
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
