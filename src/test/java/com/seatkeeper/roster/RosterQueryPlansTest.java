package com.seatkeeper.roster;

import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.Cursor;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.SeekRequest;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.QueryPlans;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The EXPLAIN guard for the roster lists (issue 12): every query {@link RosterListStore} runs for the people list, the
 * name search, the class list and the class page's picker is answered from indexes on a roster large enough that a
 * sequential scan would be the planner's honest choice without them.
 */
@ApiTest
class RosterQueryPlansTest {
    private static final SeekRequest FIRST = SeekRequest.first(50);

    @Autowired
    DataSource dataSource;

    @Test
    void every_roster_list_query_reads_indexes_not_whole_tables() {
        QueryPlans.of(dataSource).check(s -> {
            QueryPlans.Roster r = s.roster(List.of(20_000, 2_000, 2_000, 2_000, 2_000, 2_000));
            DistrictId d = new DistrictId(r.district(0));
            SchoolId school = new SchoolId(r.school(0, 3));
            Rosters.Scope.Schools schoolAdmin = new Rosters.Scope.Schools(Set.of(school));
            Rosters.Scope.Teacher teacher = new Rosters.Scope.Teacher(new UserId(id(s.jdbc(),
                    "select id from users where district_id = ? and role = 'TEACHER' order by family_name offset 300 limit 1", d)));
            Rosters.Scope.District all = new Rosters.Scope.District();
            Cursor person = personCursor(s.jdbc(), d, 12_000);
            Cursor klass = classCursor(s.jdbc(), d, 400);
            SeekRequest after = new SeekRequest(50, "a-sealed-cursor", null, 0);
            SeekRequest before = new SeekRequest(50, null, "a-sealed-cursor", 0);
            ClassId someClass = new ClassId(id(s.jdbc(), "select id from classes where district_id = ? and school_id = '"
                    + school.value() + "' order by name limit 1", d));

            List<QueryPlans.Query> queries = new ArrayList<>();
            Rosters.UserFilter none = new Rosters.UserFilter(null, null, null, null);
            add(queries, "people, first page", RosterListStore.usersPage(d, none, all, FIRST, null));
            add(queries, "people, after a cursor", RosterListStore.usersPage(d, none, all, after, person));
            add(queries, "people, before a cursor", RosterListStore.usersPage(d, none, all, before, person));
            add(queries, "people, offset 1,000", RosterListStore.usersPage(d, none, all, new SeekRequest(50, null, null, 1000), null));
            add(queries, "people, count", RosterListStore.usersCount(d, none, all));
            Rosters.UserFilter teachers = new Rosters.UserFilter(Role.TEACHER, null, null, null);
            add(queries, "people by role, after a cursor", RosterListStore.usersPage(d, teachers, all, after, person));
            add(queries, "people by role, count", RosterListStore.usersCount(d, teachers, all));
            Rosters.UserFilter atSchool = new Rosters.UserFilter(null, school, null, null);
            add(queries, "people of a school", RosterListStore.usersPage(d, atSchool, all, FIRST, null));
            Rosters.UserFilter search = new Rosters.UserFilter(null, null, null, "stergaa");
            add(queries, "name search", RosterListStore.usersPage(d, search, all, FIRST, null));
            add(queries, "name search, count", RosterListStore.usersCount(d, search, all));
            add(queries, "school admin's people", RosterListStore.usersPage(d, none, schoolAdmin, after, person));
            add(queries, "school admin's people, count", RosterListStore.usersCount(d, none, schoolAdmin));
            add(queries, "school admin's name search", RosterListStore.usersPage(d, search, schoolAdmin, FIRST, null));
            add(queries, "teacher's people", RosterListStore.usersPage(d, none, teacher, FIRST, null));
            add(queries, "teacher's people, count", RosterListStore.usersCount(d, none, teacher));

            SeekRequest classesAfter = new SeekRequest(50, "a-sealed-cursor", null, 0);
            add(queries, "classes, first page", RosterListStore.classesPage(d, null, null, all, FIRST, null));
            add(queries, "classes, after a cursor", RosterListStore.classesPage(d, null, null, all, classesAfter, klass));
            add(queries, "classes, count", RosterListStore.classesCount(d, null, null, all));
            add(queries, "school admin's classes", RosterListStore.classesPage(d, null, null, schoolAdmin, classesAfter, klass));
            add(queries, "teacher's classes", RosterListStore.classesPage(d, null, null, teacher, FIRST, null));

            SeekRequest candidatesAfter = new SeekRequest(25, "a-sealed-cursor", null, 0);
            Cursor candidate = new Cursor(RosterListStore.CANDIDATES, person.values());
            add(queries, "class picker", RosterListStore.enrollablePage(d, someClass, school, null, null, FIRST, null));
            add(queries, "class picker, after a cursor", RosterListStore.enrollablePage(d, someClass, school, null, null, candidatesAfter, candidate));
            add(queries, "class picker, search", RosterListStore.enrollablePage(d, someClass, school, null, "stergaa", FIRST, null));
            add(queries, "class picker, count", RosterListStore.enrollableCount(d, someClass, school, null, null));
            add(queries, "class picker of a teacher", RosterListStore.enrollablePage(d, someClass, school, teacher.teacher(), null, FIRST, null));

            s.assertIndexed(queries.toArray(QueryPlans.Query[]::new));
        });
    }

    private static void add(List<QueryPlans.Query> queries, String name, RosterListStore.Sql sql) {
        queries.add(new QueryPlans.Query(name, sql.text(), sql.params()));
    }

    private static UUID id(JdbcClient jdbc, String sql, DistrictId d) {
        return jdbc.sql(sql).param(d.value()).query(UUID.class).single();
    }

    private static Cursor personCursor(JdbcClient jdbc, DistrictId d, int at) {
        return jdbc.sql("select family_name, given_name, id from users where district_id = ? order by family_name, given_name, id offset ? limit 1")
                .params(d.value(), at).query((rs, n) -> new Cursor(RosterListStore.PEOPLE,
                        List.of(rs.getString(1), rs.getString(2), rs.getString(3)))).single();
    }

    private static Cursor classCursor(JdbcClient jdbc, DistrictId d, int at) {
        return jdbc.sql("select name, id from classes where district_id = ? order by name, id offset ? limit 1")
                .params(d.value(), at).query((rs, n) -> new Cursor(RosterListStore.CLASSES, List.of(rs.getString(1), rs.getString(2)))).single();
    }
}
