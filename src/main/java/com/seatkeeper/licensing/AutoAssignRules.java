package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a set of auto-assign rules may be saved on a pool, as a plain function (unit-tested in AutoAssignRulesTest):
 * each rule's kind fits the pool's seat type; the kind's school, course and grade are given when it needs them and
 * absent when it takes none; the school is one of the district's and, for a school pool, the pool's own; the course is a
 * title some class of the district carries; the grade a CEDS code; no rule twice; at most {@link #MAX_RULES}. Answers the
 * rules normalized (the course as the classes spell it) or the first refusal, naming the field as
 * {@code rules[i].kind}, {@code rules[i].schoolId}, {@code rules[i].course} or {@code rules[i].grade}.
 */
final class AutoAssignRules {
    /** At most this many rules per pool: a district admin's rules are a handful; more is a mistake, not a need. */
    static final int MAX_RULES = 20;

    /**
     * The grade levels a rule may name: CEDS codes, as OneRoster gives them (Clever's values are read as these by the
     * database function {@code ceds_grade} of V24: "9" is 09, "Kindergarten" is KG).
     */
    static final List<String> GRADES = List.of("IT", "PR", "PK", "TK", "KG", "01", "02", "03", "04", "05", "06", "07", "08", "09",
            "10", "11", "12", "13", "PS", "UG", "Other");

    private AutoAssignRules() {}

    /**
     * @param pool    the pool whose rules these are
     * @param rules   the rules as asked (any may have null or blank parts)
     * @param schools the schools of the pool's district, by id, with their names
     * @param courses the course titles the district's classes carry, by their lower-case form
     */
    static Outcome<List<AutoAssignRule>> check(LicensePool pool, List<AutoAssignRule> rules, Map<SchoolId, String> schools,
                                               Map<String, String> courses) {
        if (rules.size() > MAX_RULES) {
            return Outcome.refused(new FieldRefusal("rules", "A pool has at most " + MAX_RULES + " auto-assign rules; " + rules.size()
                    + " were given. Use broader rules (a school or all students) instead of many narrow ones."));
        }
        List<AutoAssignRule> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Outcome<AutoAssignRule> one = checkOne(pool, "rules[" + i + "].", rules.get(i), schools, courses);
            if (one instanceof Outcome.Refused<AutoAssignRule> r) {
                return Outcome.refused(r.refusal());
            }
            AutoAssignRule rule = one.value();
            int same = indexOfSame(out, rule);
            if (same >= 0) {
                return Outcome.refused(new FieldRefusal("rules[" + i + "]", "The same rule (" + rule.kind() + ") is given twice (rules["
                        + same + "] and rules[" + i + "]); a pool has each rule once. Remove one of them."));
            }
            out.add(rule);
        }
        return Outcome.done(List.copyOf(out));
    }

    private static Outcome<AutoAssignRule> checkOne(LicensePool pool, String at, AutoAssignRule rule, Map<SchoolId, String> schools,
                                                    Map<String, String> courses) {
        if (rule == null) {
            String element = at.substring(0, at.length() - 1);
            return Outcome.refused(new FieldRefusal(element, element + " may not be null: give a rule (an object with its kind), "
                    + "or leave it out of the list."));
        }
        if (rule.kind() == null) {
            return Outcome.refused(new FieldRefusal(at + "kind", "kind is required: one of "
                    + String.join(", ", Arrays.stream(AutoAssignRule.Kind.values()).map(Enum::name).toList()) + "."));
        }
        AutoAssignRule.Kind kind = rule.kind();
        if (kind.seatType() != pool.seatType()) {
            return Outcome.refused(new AutoAssignRefusal.RuleDoesNotFitPool(at + "kind", kind, pool.seatType()));
        }
        Optional<BusinessRefusal> school = schoolProblem(pool, at + "schoolId", kind, rule.schoolId(), schools);
        if (school.isPresent()) {
            return Outcome.refused(school.get());
        }
        Outcome<String> course = course(at + "course", kind, rule.course(), courses);
        if (course instanceof Outcome.Refused<String> r) {
            return Outcome.refused(r.refusal());
        }
        Outcome<String> grade = grade(at + "grade", kind, rule.grade());
        if (grade instanceof Outcome.Refused<String> r) {
            return Outcome.refused(r.refusal());
        }
        return Outcome.done(new AutoAssignRule(kind, rule.schoolId(), course.value(), grade.value()));
    }

    private static Optional<BusinessRefusal> schoolProblem(LicensePool pool, String field, AutoAssignRule.Kind kind, SchoolId school,
                                                           Map<SchoolId, String> schools) {
        if (school == null) {
            return kind.school() == AutoAssignRule.Kind.Takes.REQUIRED
                    ? Optional.of(new FieldRefusal(field, "schoolId is required for " + kind + ": the school whose "
                    + kind.seatType().people() + " get a license.")) : Optional.empty();
        }
        if (kind.school() == AutoAssignRule.Kind.Takes.NO) {
            return Optional.of(new FieldRefusal(field, kind + " takes no schoolId: it names everyone of the district (of the pool's "
                    + "school, for a school pool). Use " + (kind.seatType() == SeatType.STUDENT
                    ? "SCHOOL_STUDENTS" : "SCHOOL_TEACHERS") + " for one school."));
        }
        if (!schools.containsKey(school)) {
            return Optional.of(new AutoAssignRefusal.UnknownSchool(field, school.toString()));
        }
        if (pool.schoolId() != null && !pool.schoolId().equals(school)) {
            return Optional.of(new AutoAssignRefusal.RuleOutsidePoolSchool(field, schools.get(school),
                    schools.getOrDefault(pool.schoolId(), "its school")));
        }
        return Optional.empty();
    }

    private static Outcome<String> course(String field, AutoAssignRule.Kind kind, String raw, Map<String, String> courses) {
        if (!kind.takesCourse()) {
            return Text.normalizeOptional(raw) == null ? Outcome.done(null)
                    : Outcome.refused(new FieldRefusal(field, kind + " takes no course: only COURSE_STUDENTS and COURSE_TEACHERS do."));
        }
        // the words say "course", the field names the rule ("rules[2].course")
        Optional<FieldRefusal> bad = Text.requiredLine("course", raw, Text.TITLE).map(f -> new FieldRefusal(field, f.message()));
        if (bad.isPresent()) {
            return Outcome.refused(bad.get());
        }
        String title = Text.normalize(raw);
        String carried = courses.get(title.toLowerCase(Locale.ROOT));
        if (carried == null) {
            return Outcome.refused(new AutoAssignRefusal.UnknownCourse(field, title, suggestions(title, courses)));
        }
        return Outcome.done(carried);
    }

    private static Outcome<String> grade(String field, AutoAssignRule.Kind kind, String raw) {
        String grade = Text.normalizeOptional(raw);
        if (!kind.takesGrade()) {
            return grade == null ? Outcome.done(null)
                    : Outcome.refused(new FieldRefusal(field, kind + " takes no grade: only GRADE_STUDENTS does."));
        }
        if (grade == null || !GRADES.contains(grade)) {
            return Outcome.refused(new FieldRefusal(field, (grade == null ? "grade is required for GRADE_STUDENTS" : "'" + Text.excerpt(grade)
                    + "' is not a grade level") + ": use a CEDS code, one of " + String.join(", ", GRADES) + " (09 is grade 9)."));
        }
        return Outcome.done(grade);
    }

    /** Up to 10 course titles: those containing the asked one (ignoring case) first, then the rest alphabetically. */
    static List<String> suggestions(String asked, Map<String, String> courses) {
        String lower = asked.toLowerCase(Locale.ROOT);
        return courses.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, String> e) -> !e.getKey().contains(lower))
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getValue).limit(10).toList();
    }

    private static int indexOfSame(List<AutoAssignRule> rules, AutoAssignRule rule) {
        for (int i = 0; i < rules.size(); i++) {
            AutoAssignRule r = rules.get(i);
            if (r.kind() == rule.kind() && Objects.equals(r.schoolId(), rule.schoolId())
                    && Objects.equals(r.grade(), rule.grade())
                    && (r.course() == null ? rule.course() == null : rule.course() != null && r.course().equalsIgnoreCase(rule.course()))) {
                return i;
            }
        }
        return -1;
    }

    /** A grade in words: "grade 9", "kindergarten", "pre-kindergarten"; an unknown code as it is. */
    static String gradeWords(String grade) {
        if (grade == null) {
            return "no grade";
        }
        return switch (grade) {
            case "IT" -> "infant/toddler classes";
            case "PR" -> "preschool";
            case "PK" -> "pre-kindergarten";
            case "TK" -> "transitional kindergarten";
            case "KG" -> "kindergarten";
            case "PS" -> "postsecondary";
            case "UG" -> "no grade level (ungraded)";
            case "Other" -> "another grade level";
            default -> grade.matches("\\d{2}") ? "grade " + Integer.parseInt(grade) : grade;
        };
    }
}
