package com.seatkeeper.roster;

import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.Cursor;
import com.seatkeeper.shared.Cursors;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.SeekRequest;
import com.seatkeeper.shared.Slice;
import com.seatkeeper.shared.UserId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The long lists of a district, people and classes, paged by keyset (docs/design.md "Large districts: roster lists").
 *
 * <p>Each list pages in its sort order (people: family name, given name, id; classes: name, id) with a row comparison
 * against the cursor's key, so a page reads only its own rows from an index of the same order (V27:
 * {@code users_district_name}, {@code users_district_role_name}, {@code classes_district_name},
 * {@code classes_district_school_name}); the per-row lookups (a person's schools, a class's teachers and students) run
 * in the outer query over the page's rows only. Filters and the caller's scope are conditions of the one query
 * ({@code EXISTS}), never id sets from Java. The count stops at {@link Slice.Total#EXACT_UP_TO} + 1 rows.
 *
 * <p>Each list's cursors are sealed with the list's identity ({@link #listName}: district, the caller's scope, the class,
 * every filter), so a cursor opens only for the list that gave it.
 *
 * <p>The SQL is built by the package-private static methods, which {@code RosterQueryPlansTest} explains on a large
 * roster: keep every list query here.
 */
@Repository
class RosterListStore {
    static final String PEOPLE = "people";
    static final String CLASSES = "classes";
    static final String CANDIDATES = "candidates";

    /**
     * The text a name search looks in: "given family", "family, given" and the email, one per line (a search text has
     * no line break, so no match spans two of them). Must stay equal to the expression of the trigram index
     * {@code users_name_search} (V27), or searches stop using it.
     */
    static final String SEARCH_TEXT = "(u.given_name || ' ' || u.family_name || E'\\n' || u.family_name || ', ' || u.given_name"
            + " || E'\\n' || coalesce(u.email, ''))";

    private static final String USER_ROW = "u.id, u.district_id, u.given_name, u.family_name, u.email, u.role, u.status, u.source, u.sourced_id";
    private static final String CLASS_ROW = "c.id, c.district_id, c.school_id, c.name, c.source, c.sourced_id";

    /**
     * The capped counts read the first rows in the list's own order: the same number, but the planner then walks the
     * list's index (a sequential scan would have to sort all rows) instead of hoping that a district's rows come early
     * in a sequential scan of the whole table.
     */
    private static final String COUNT_ORDER_USERS = " order by u.family_name, u.given_name, u.id";

    /** A statement and its named parameters. */
    record Sql(String text, Map<String, Object> params) {}

    private final JdbcClient jdbc;
    private final Cursors cursors;

    RosterListStore(JdbcClient jdbc, Cursors cursors) {
        this.jdbc = jdbc;
        this.cursors = cursors;
    }

    Slice<RosterUser> users(DistrictId district, Rosters.UserFilter filter, Rosters.Scope scope, SeekRequest seek) {
        String list = listName(PEOPLE, district, scopeKey(scope), filter.role(), filter.schoolId(), blankToNull(filter.sourcedId()),
                searched(filter.q()));
        Cursor at = at(seek, list, 3);
        return slice(usersPage(district, filter, scope, seek, at), usersCount(district, filter, scope), seek, at, RosterStore::user,
                u -> new Cursor(list, List.of(u.familyName(), u.givenName(), u.id().toString())));
    }

    Slice<RosterClass> classes(DistrictId district, SchoolId school, UserId teacher, Rosters.Scope scope, SeekRequest seek) {
        String list = listName(CLASSES, district, scopeKey(scope), school, teacher);
        Cursor at = at(seek, list, 2);
        return slice(classesPage(district, school, teacher, scope, seek, at), classesCount(district, school, teacher, scope), seek, at,
                RosterStore::rosterClass, c -> new Cursor(list, List.of(c.name(), c.id().toString())));
    }

    /**
     * The class's candidates; {@code caller} only seals the cursor (the rows are decided by the class, its school and the
     * teacher's reach), so that a cursor given to one caller's scope does not open for another's.
     */
    Slice<RosterUser> enrollable(DistrictId district, ClassId klass, SchoolId school, UserId teacher, Rosters.Scope caller, String q,
                                 SeekRequest seek) {
        String list = listName(CANDIDATES, district, scopeKey(caller), klass, school, teacher, searched(q));
        Cursor at = at(seek, list, 3);
        return slice(enrollablePage(district, klass, school, teacher, q, seek, at), enrollableCount(district, klass, school, teacher, q), seek,
                at, RosterStore::user, u -> new Cursor(list, List.of(u.familyName(), u.givenName(), u.id().toString())));
    }

    /**
     * The identity of a list that its cursors are sealed with (docs/design.md "Paged lists"): its kind and everything that
     * decides which rows it holds, in order (district, the caller's scope, the class, each filter as the query reads it;
     * null: not filtered), each part URL-encoded so that no text can pass for two parts. A cursor opens only for the
     * list of the same name, so one given by another list, district, caller or filter is {@code invalid_cursor}.
     */
    static String listName(String kind, Object... parts) {
        StringBuilder name = new StringBuilder(kind);
        for (Object part : parts) {
            name.append('|').append(part == null ? "" : URLEncoder.encode(part.toString(), StandardCharsets.UTF_8));
        }
        return name.toString();
    }

    /**
     * What decides the rows a caller's scope sees: everyone of the district, the school admin's schools (sorted), or the
     * teacher (themself and their classes).
     */
    static String scopeKey(Rosters.Scope scope) {
        if (scope instanceof Rosters.Scope.Schools s) {
            return "schools:" + s.schoolIds().stream().map(SchoolId::toString).sorted().toList();
        }
        return scope instanceof Rosters.Scope.Teacher t ? "teacher:" + t.teacher() : "district";
    }

    /** A search text as the queries read it: trimmed, and none when blank. */
    private static String searched(String q) {
        return q == null || q.isBlank() ? null : q.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The validated position of the request's cursor (its id canonical), or null without one. */
    private Cursor at(SeekRequest seek, String list, int arity) {
        if (seek.cursor() == null) {
            return null;
        }
        return cursors.open(seek.cursorField(), list, arity, seek.cursor(), c -> {
            c.id();
            return c;
        });
    }

    /**
     * Reads one more row than the page holds to know whether there is a page beyond it (after it, or before it when
     * reading backwards); a page read after a cursor has one before it, and one read before a cursor has one after it.
     */
    private <T> Slice<T> slice(Sql page, Sql count, SeekRequest seek, Cursor at, RowMapper<T> mapper, Function<T, Cursor> key) {
        List<T> rows = new ArrayList<>(jdbc.sql(page.text()).params(page.params()).query(mapper).list());
        boolean more = rows.size() > seek.limit();
        if (more) {
            rows = new ArrayList<>(seek.backwards() ? rows.subList(1, rows.size()) : rows.subList(0, seek.limit()));
        }
        Slice.Total total = Slice.Total.ofCapped(jdbc.sql(count.text()).params(count.params()).query(Long.class).single());
        if (rows.isEmpty()) {
            return new Slice<>(rows, total, null, null);
        }
        boolean hasNext = seek.backwards() || more;
        boolean hasPrev = seek.backwards() ? more : at != null || seek.offset() > 0;
        return new Slice<>(rows, total, hasNext ? cursors.seal(key.apply(rows.get(rows.size() - 1))) : null,
                hasPrev ? cursors.seal(key.apply(rows.get(0))) : null);
    }

    // --- people ---

    /** The page of people: the page's rows in the inner query, their schools looked up for those rows only. */
    static Sql usersPage(DistrictId district, Rosters.UserFilter filter, Rosters.Scope scope, SeekRequest seek, Cursor at) {
        Map<String, Object> params = new HashMap<>();
        return usersPageOf(usersWhere(district, filter, scope, params), params, seek, at);
    }

    /** The page of people matching {@code where} (alias {@code u}) after or before the cursor, with their schools. */
    private static Sql usersPageOf(StringBuilder where, Map<String, Object> params, SeekRequest seek, Cursor at) {
        if (at != null) {
            where.append(seek.backwards() ? " and (u.family_name, u.given_name, u.id) < (:atFamily, :atGiven, :atId)"
                    : " and (u.family_name, u.given_name, u.id) > (:atFamily, :atGiven, :atId)");
            params.put("atFamily", at.values().get(0));
            params.put("atGiven", at.values().get(1));
            params.put("atId", at.id());
        }
        String dir = seek.backwards() ? " desc" : "";
        params.put("limit", seek.limit() + 1);
        params.put("offset", seek.offset());
        return new Sql("select p.*, array(select us.school_id from user_schools us where us.user_id = p.id order by us.school_id) as school_ids"
                + " from (select " + USER_ROW + " from users u" + where
                + " order by u.family_name" + dir + ", u.given_name" + dir + ", u.id" + dir + " limit :limit offset :offset) p"
                + " order by p.family_name, p.given_name, p.id", params);
    }

    /** How many people match, counted up to one more than {@link Slice.Total#EXACT_UP_TO}. */
    static Sql usersCount(DistrictId district, Rosters.UserFilter filter, Rosters.Scope scope) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = usersWhere(district, filter, scope, params);
        params.put("countUpTo", Slice.Total.EXACT_UP_TO + 1);
        return new Sql("select count(*) from (select 1 from users u" + where + COUNT_ORDER_USERS + " limit :countUpTo) counted", params);
    }

    private static StringBuilder usersWhere(DistrictId district, Rosters.UserFilter f, Rosters.Scope scope, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where u.district_id = :district");
        params.put("district", district.value());
        if (f.role() != null) {
            where.append(" and u.role = :role");
            params.put("role", f.role().name());
        }
        if (f.schoolId() != null) {
            where.append(" and exists (select 1 from user_schools us where us.user_id = u.id and us.school_id = :school)");
            params.put("school", f.schoolId().value());
        }
        if (f.sourcedId() != null && !f.sourcedId().isBlank()) {
            where.append(" and u.sourced_id = :sourcedId");
            params.put("sourcedId", f.sourcedId());
        }
        if (f.q() != null && !f.q().isBlank()) {
            where.append(" and ").append(SEARCH_TEXT).append(" ilike :q");
            params.put("q", "%" + RosterStore.likeEscape(f.q().trim()) + "%");
        }
        where.append(RosterStore.scopeCondition(scope, params));
        return where;
    }

    // --- students not yet in a class ---

    /** A page of the students who may be added to the class, in name order. */
    static Sql enrollablePage(DistrictId district, ClassId klass, SchoolId school, UserId teacher, String q, SeekRequest seek, Cursor at) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = enrollableWhere(district, klass, school, teacher, q, params);
        return usersPageOf(where, params, seek, at);
    }

    static Sql enrollableCount(DistrictId district, ClassId klass, SchoolId school, UserId teacher, String q) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = enrollableWhere(district, klass, school, teacher, q, params);
        params.put("countUpTo", Slice.Total.EXACT_UP_TO + 1);
        return new Sql("select count(*) from (select 1 from users u" + where + COUNT_ORDER_USERS + " limit :countUpTo) counted", params);
    }

    /**
     * Active students of the school who are not in the class ({@code NOT EXISTS}), matching the search; with a teacher
     * (who may not enroll any student of the school), only students of one of their classes or created by them.
     */
    private static StringBuilder enrollableWhere(DistrictId district, ClassId klass, SchoolId school, UserId teacher, String q,
                                                 Map<String, Object> params) {
        // plain strings: a text block would strip the leading space that separates them from "users u"
        StringBuilder where = new StringBuilder(" where u.district_id = :district and u.role = 'STUDENT' and u.status = 'ACTIVE'"
                + " and exists (select 1 from user_schools us where us.user_id = u.id and us.school_id = :school)"
                + " and not exists (select 1 from enrollments e where e.class_id = :klass and e.user_id = u.id)");
        params.put("district", district.value());
        params.put("school", school.value());
        params.put("klass", klass.value());
        if (teacher != null) {
            where.append(" and (u.created_by = :teacher or exists (select 1 from enrollments e join enrollments t"
                    + " on t.class_id = e.class_id and t.role = 'TEACHER' where e.user_id = u.id and e.role = 'STUDENT' and t.user_id = :teacher))");
            params.put("teacher", teacher.value());
        }
        if (q != null && !q.isBlank()) {
            where.append(" and ").append(SEARCH_TEXT).append(" ilike :q");
            params.put("q", "%" + RosterStore.likeEscape(q.trim()) + "%");
        }
        return where;
    }

    // --- classes ---

    /** The page of classes: the page's rows in the inner query, their teachers and students for those rows only. */
    static Sql classesPage(DistrictId district, SchoolId school, UserId teacher, Rosters.Scope scope, SeekRequest seek, Cursor at) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = classesWhere(district, school, teacher, scope, params);
        if (at != null) {
            where.append(seek.backwards() ? " and (c.name, c.id) < (:atName, :atId)" : " and (c.name, c.id) > (:atName, :atId)");
            params.put("atName", at.values().get(0));
            params.put("atId", at.id());
        }
        String dir = seek.backwards() ? " desc" : "";
        params.put("limit", seek.limit() + 1);
        params.put("offset", seek.offset());
        return new Sql("""
                select p.*,
                       array(select e.user_id from enrollments e where e.class_id = p.id and e.role = 'TEACHER' order by e.user_id) as teacher_ids,
                       array(select e.user_id from enrollments e where e.class_id = p.id and e.role = 'STUDENT' order by e.user_id) as student_ids
                """ + " from (select " + CLASS_ROW + " from classes c" + where
                + " order by c.name" + dir + ", c.id" + dir + " limit :limit offset :offset) p order by p.name, p.id", params);
    }

    /** How many classes match, counted up to one more than {@link Slice.Total#EXACT_UP_TO}. */
    static Sql classesCount(DistrictId district, SchoolId school, UserId teacher, Rosters.Scope scope) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = classesWhere(district, school, teacher, scope, params);
        params.put("countUpTo", Slice.Total.EXACT_UP_TO + 1);
        return new Sql("select count(*) from (select 1 from classes c" + where + " order by c.name, c.id limit :countUpTo) counted", params);
    }

    private static StringBuilder classesWhere(DistrictId district, SchoolId school, UserId teacher, Rosters.Scope scope,
                                              Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where c.district_id = :district");
        params.put("district", district.value());
        if (school != null) {
            where.append(" and c.school_id = :school");
            params.put("school", school.value());
        }
        if (teacher != null) {
            where.append(" and exists (select 1 from enrollments t where t.class_id = c.id and t.role = 'TEACHER' and t.user_id = :teacher)");
            params.put("teacher", teacher.value());
        }
        if (scope instanceof Rosters.Scope.Schools s) {
            where.append(" and c.school_id = any(:scopeSchools)");
            params.put("scopeSchools", s.schoolIds().stream().map(SchoolId::value).toArray(UUID[]::new));
        } else if (scope instanceof Rosters.Scope.Teacher t) {
            where.append(" and exists (select 1 from enrollments t2 where t2.class_id = c.id and t2.role = 'TEACHER' and t2.user_id = :scopeTeacher)");
            params.put("scopeTeacher", t.teacher().value());
        }
        return where;
    }
}
