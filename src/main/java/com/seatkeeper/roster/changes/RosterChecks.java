package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.Text;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The checks of a staged run that need the whole snapshot, in SQL over the staged rows and the match tables of
 * {@link RosterApply} (same transaction; the enrollments from its {@code s_enrollment}, the staged enrollments with their
 * class and person resolved in one pass). Each problem names the file, line and column of the row at fault; codes:
 * {@code duplicate_sourced_id}, {@code duplicate_enrollment} (a person in a class twice with two roles),
 * {@code unknown_reference}, {@code duplicate_email},
 * {@code duplicate_school_name}, {@code enrollment_role_mismatch}. Each check lists at most {@link Problems#LISTED} rows
 * and counts the rest. Warnings: {@code repeated_enrollment} (a person in a class twice with the same role: kept as one).
 *
 * <p>A kind the producer could not read whole ({@link Problems#notReadWhole()}: a file that stopped being UTF-8 or CSV,
 * or whose header has errors, its ERROR saying so) is no reference's judge: a record missing from it may be on a line
 * never read, so references to its records are not checked (a person of users.csv line 2 is not "unknown" because line 3
 * has a Latin-1 byte), and its emails or school names are compared among the staged rows only, not with the district's
 * records that were not staged. Values quoted in messages are shortened as {@link Text#excerpt} does.
 */
@Component
class RosterChecks {
    private final JdbcClient jdbc;

    RosterChecks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code shown(column)} in a check's SQL: the column's value as {@link Text#excerpt} shows it ({@link #shown(String)}). */
    private static final Pattern SHOWN = Pattern.compile("shown\\(([a-z_.]+)\\)");

    void check(RunStore.Run run, Map<String, Object> p, Problems problems, StepTimes times) {
        ReferenceColumns columns = run.columns() == null ? ReferenceColumns.ONEROSTER : run.columns();
        Set<RosterKind> unread = problems.notReadWhole();
        times.time("check duplicates", () -> duplicates(p, problems));
        times.time("check references", () -> unknownReferences(p, columns, problems,
                run.trigger() == SyncTrigger.UPLOAD ? Severity.ERROR : Severity.WARNING, unread));
        times.time("check emails", () -> duplicateEmails(p, problems, !unread.contains(RosterKind.USERS)));
        times.time("check school names", () -> duplicateSchoolNames(p, problems, !unread.contains(RosterKind.SCHOOLS)));
        times.time("check enrollment roles", () -> enrollmentRoles(p, columns, problems));
    }

    /**
     * The (class, person) pairs staged more than once: the window functions below then sort only those rows, not every
     * staged enrollment (a hash aggregate instead of two sorts of millions of rows).
     */
    private static final String REPEATED = """
            select sourced_id, ref from s_enrollment group by sourced_id, ref having count(*) > 1""";

    /**
     * Whether the staged rows may repeat a sourcedId (or an enrollment's class and person): the match tables hold one row
     * per sourcedId ({@code distinct on}), so when each has as many rows as were staged of its kind there is no repeat and
     * the grouping queries below (a hash of every staged id: 35 s for a million people and three million enrollments) are
     * skipped. When the counts differ (or a kind was not matched), the full check runs and names every repeat.
     */
    private boolean mayRepeat(Map<String, Object> p) {
        return jdbc.sql("""
                        select (select count(*) from staged_rows where run_id = :run and kind = 'SCHOOL') <> (select count(*) from m_school)
                            or (select count(*) from staged_rows where run_id = :run and kind = 'PERSON') <> (select count(*) from m_user)
                            or (select count(*) from staged_rows where run_id = :run and kind = 'CLASS') <> (select count(*) from m_class)
                        """).params(p).query(Boolean.class).single();
    }

    /** As {@link #mayRepeat}, for enrollments: the resolved staged enrollments against {@code t_enrollment}, one per pair. */
    private boolean enrollmentsMayRepeat() {
        return jdbc.sql("""
                        select (select count(*) from s_enrollment where class_id is not null and user_id is not null)
                               <> (select count(*) from t_enrollment)
                            or exists (select 1 from s_enrollment where class_id is null or user_id is null)
                        """).query(Boolean.class).single();
    }

    private void duplicates(Map<String, Object> p, Problems problems) {
        if (mayRepeat(p)) {
            idDuplicates(p, problems);
        }
        if (enrollmentsMayRepeat()) {
            enrollmentDuplicates(p, problems);
        }
    }

    private void idDuplicates(Map<String, Object> p, Problems problems) {
        collect(p, problems, """
                select file, line, 'sourcedId' as col, 'duplicate_sourced_id' as code,
                       format('The sourcedId %s is given to two %s (first on %s line %s). Each row needs its own sourcedId: remove the repeated '
                              || 'row or correct its id.', shown(sourced_id), case kind when 'SCHOOL' then 'schools' when 'PERSON' then 'people'
                              else 'classes' end, first_file, first_line) as message
                from (select kind, sourced_id, file, line, first_value(file) over w as first_file, first_value(line) over w as first_line,
                             row_number() over w as n
                      from staged_rows where run_id = :run and kind in ('SCHOOL', 'PERSON', 'CLASS')
                        and (kind, sourced_id) in (select kind, sourced_id from staged_rows
                                                   where run_id = :run and kind in ('SCHOOL', 'PERSON', 'CLASS')
                                                   group by kind, sourced_id having count(*) > 1)
                      window w as (partition by kind, sourced_id order by file, line)) x
                where n > 1
                """);
    }

    private void enrollmentDuplicates(Map<String, Object> p, Problems problems) {
        // a person in a class twice with the same role (e.g. one row per semester of a year-long class, with different
        // enrollment sourcedIds): one enrollment, each repeat a warning; with another role, an error
        collect(p, problems, """
                select file, line, 'role' as col, 'duplicate_enrollment' as code,
                       format('The person %s is enrolled in class %s as %s and also as %s (first on %s line %s). A person has one role '
                              || 'in a class: remove one of the rows or correct its role.', shown(ref), shown(sourced_id), lower(first_role),
                              lower(role), first_file, first_line) as message
                from (select sourced_id, ref, role, file, line, first_value(file) over w as first_file,
                             first_value(line) over w as first_line, first_value(role) over w as first_role, row_number() over w as n
                      from s_enrollment where (sourced_id, ref) in (REPEATED_PAIRS)
                      window w as (partition by sourced_id, ref order by file, line)) x
                where n > 1 and role is distinct from first_role
                """.replace("REPEATED_PAIRS", REPEATED));
        collect(p, problems, Severity.WARNING, """
                select file, line, 'sourcedId' as col, 'repeated_enrollment' as code,
                       format('The person %s is enrolled in class %s as %s again (first on %s line %s, e.g. one row per term of the '
                              || 'class). Seatkeeper keeps one enrollment per class and person: the rows are taken as one.',
                              shown(ref), shown(sourced_id), lower(role), first_file, first_line) as message
                from (select sourced_id, ref, role, file, line, first_value(file) over w as first_file,
                             first_value(line) over w as first_line, first_value(role) over w as first_role, row_number() over w as n
                      from s_enrollment where (sourced_id, ref) in (REPEATED_PAIRS)
                      window w as (partition by sourced_id, ref order by file, line)) x
                where n > 1 and role is not distinct from first_role
                """.replace("REPEATED_PAIRS", REPEATED), Map.of());
    }

    /**
     * References to rows that are neither staged nor the district's. For an upload every one is an ERROR (the files
     * contradict themselves: correct them). For a sync, a person's school or an enrollment's class or person that the
     * provider did not serve is a WARNING ({@code links}) and the link is skipped: a provider shares what the district
     * allows, and one record it left out must not stop the whole district's sync (a class without its school stays an
     * ERROR: it cannot be created).
     */
    private void unknownReferences(Map<String, Object> p, ReferenceColumns c, Problems problems, Severity links, Set<RosterKind> unread) {
        boolean upload = links == Severity.ERROR;
        if (!unread.contains(RosterKind.SCHOOLS)) {
            schoolReferences(p, c, problems, links, upload);
        }
        String skipped = upload ? "" : "The provider did not send it: the enrollment is skipped.";
        if (!unread.contains(RosterKind.CLASSES)) {
            collect(p, problems, links, """
                    select st.file, st.line, :enrollmentClass as col, 'unknown_reference' as code,
                           format('The class %s is not a class of this upload or of the district. ', shown(st.sourced_id)) || :fix as message
                    from s_enrollment st where st.class_id is null
                    """, Map.of("enrollmentClass", c.enrollmentClass(), "fix", upload ? "Add the class or correct the id." : skipped));
        }
        if (!unread.contains(RosterKind.USERS)) {
            collect(p, problems, links, """
                    select st.file, st.line, case st.kind when 'LICENSE' then :licenseUser else :enrollmentUser end as col,
                           'unknown_reference' as code,
                           format('The person %s is not a person of this upload or of the district. ', shown(st.ref)) || :fix as message
                    from (select 'ENROLLMENT' as kind, file, line, ref from s_enrollment where user_id is null
                          union all
                          select kind, file, line, ref from staged_rows s
                          where s.run_id = :run and s.kind = 'LICENSE' and not exists (select 1 from r_user ru where ru.sourced_id = s.ref)) st
                    """, Map.of("enrollmentUser", c.enrollmentUser(), "licenseUser", c.licenseUser(), "fix",
                            upload ? "Add the person or correct the id." : skipped));
        }
    }

    /** A person's schools and a class's school that are neither staged nor the district's. */
    private void schoolReferences(Map<String, Object> p, ReferenceColumns c, Problems problems, Severity links, boolean upload) {
        collect(p, problems, links, """
                select st.file, st.line, :userSchools as col, 'unknown_reference' as code,
                       case when st.ref is not null
                            then format('The school %s of person %s is not a school of this upload or of the district. ', shown(st.ref),
                                        shown(st.sourced_id)) || :addSchool
                            else format('The school %s of person %s is not a school of this district. Use the name or id of one of the '
                                        || 'district''s schools.', st.ref_id, shown(st.sourced_id)) end as message
                from staged_rows st
                where st.run_id = :run and st.kind = 'PERSON_SCHOOL'
                  and exists (select 1 from m_user m where m.sourced_id = st.sourced_id)
                  and not exists (select 1 from r_school rs where rs.sourced_id = st.ref)
                  and not exists (select 1 from schools sc where sc.id = st.ref_id and sc.district_id = :d)
                """, Map.of("userSchools", c.userSchools(), "addSchool", upload
                        ? "Add the school (an org of type school) or correct the id."
                        : "The provider did not send that school: the person is kept without it."));
        collect(p, problems, """
                select m.file, m.line, :classSchool as col, 'unknown_reference' as code,
                       format('The school %s of class %s is not a school of this upload or of the district. ',
                              coalesce(shown(m.school_key), '(none)'), shown(m.sourced_id)) || :addSchool as message
                from m_class m where m.school_id is null
                """, Map.of("classSchool", c.classSchool(), "addSchool", upload ? "Add the school or correct the id."
                        : "The provider did not send that school, and a class needs one: share the school with the app."));
    }

    /**
     * Every email is one person's after the change: the snapshot's people with theirs, everyone else of the district with
     * theirs. Only the run's people are checked (their emails among themselves, then each against the district's other
     * people by an index lookup in {@code users_email_per_district}), so a delta costs what it names; and only the new or
     * changed ones against the district: an unchanged person's email is already theirs alone (the unique index).
     */
    private void duplicateEmails(Map<String, Object> p, Problems problems, boolean withDistrict) {
        collect(p, problems, """
                select file, line, 'email' as col, 'duplicate_email' as code,
                       format('The email %s is also %s. Every person needs their own email: correct it, or leave it empty for a student.',
                              shown(email), case when others > 1 then 'used by another person of this upload'
                                          else 'the email of another person of the district' end) as message
                from (select m.id, m.email, m.file, m.line, m.is_new or m.changed as moved, case when d.email is null then 1 else 2 end as others
                      from m_user m
                      left join (select lower(email) as email from m_user where email is not null group by 1 having count(*) > 1) d
                        on d.email = lower(m.email)
                      where m.email is not null) x
                where others > 1
                   or (:withDistrict and moved and exists (select 1 from users u where u.district_id = :d and lower(u.email) = lower(x.email)
                                           and u.email is not null and u.id <> x.id and not exists (select 1 from m_user m where m.id = u.id)))
                """, Map.of("withDistrict", withDistrict));
    }

    private void duplicateSchoolNames(Map<String, Object> p, Problems problems, boolean withDistrict) {
        collect(p, problems, """
                select file, line, 'name' as col, 'duplicate_school_name' as code,
                       format('Another school is also named %s (names are compared ignoring case). Give each school its own name.',
                              shown(name)) as message
                from (select f.*, count(*) over (partition by lower(f.name)) as holders
                      from (select m.name, m.file, m.line from m_school m
                            union all
                            select sc.name, null, null from schools sc
                            where :withDistrict and sc.district_id = :d and not exists (select 1 from m_school m where m.id = sc.id)) f) x
                where holders > 1 and file is not null
                """, Map.of("withDistrict", withDistrict));
    }

    /**
     * An enrollment's role follows the person's role (after the change): STUDENT for students, TEACHER for everyone else
     * (V12). A person staged without a role (a row the producer refused for its role) is not compared.
     */
    private void enrollmentRoles(Map<String, Object> p, ReferenceColumns c, Problems problems) {
        collect(p, problems, """
                select st.file, st.line, 'role' as col, 'enrollment_role_mismatch' as code,
                       format('%s is a %s, so they can only be enrolled as %s, not as %s. Correct the enrollment''s role or the person''s.',
                              shown(st.ref), lower(st.user_role), case when st.user_role = 'STUDENT' then 'student' else 'teacher' end,
                              lower(st.role)) as message
                from s_enrollment st
                where st.user_id is not null and st.user_role is not null and st.role <> case when st.user_role = 'STUDENT' then 'STUDENT' else 'TEACHER' end
                """);
    }

    private void collect(Map<String, Object> p, Problems problems, String select) {
        collect(p, problems, Severity.ERROR, select, Map.of());
    }

    private void collect(Map<String, Object> p, Problems problems, String select, Map<String, Object> more) {
        collect(p, problems, Severity.ERROR, select, more);
    }

    /**
     * A column's value as {@link Text#excerpt} shows it, in SQL: the first {@link Text#EXCERPT} characters and the length
     * when longer (PostgreSQL counts characters as Java counts code points). Control characters cannot be staged.
     */
    static String shown(String column) {
        return "(case when char_length(" + column + ") > " + Text.EXCERPT + " then left(" + column + ", " + Text.EXCERPT
                + ") || '…(' || char_length(" + column + ") || ' characters)' else " + column + " end)";
    }

    /** Runs one check: lists its first {@link Problems#LISTED} problems in file and line order, counts the rest. */
    private void collect(Map<String, Object> p, Problems problems, Severity severity, String select, Map<String, Object> more) {
        long[] total = {0};
        String sql = SHOWN.matcher(select).replaceAll(m -> Matcher.quoteReplacement(shown(m.group(1))));
        jdbc.sql("select *, count(*) over () as total from (" + sql + ") problems order by file, line limit :listed")
                .params(p).params(more).param("listed", Problems.LISTED)
                .query(rs -> {
                    total[0] = rs.getLong("total");
                    Long line = rs.getObject("line", Long.class);
                    problems.add(new Problem(rs.getString("file"), line, rs.getString("col"), severity, rs.getString("code"),
                            rs.getString("message")));
                });
        problems.addUnlisted(severity, total[0] - Math.min(total[0], Problems.LISTED));
    }
}
