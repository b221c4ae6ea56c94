-- Auto-assignment rules of a license pool (licensing, issue 10; docs/design.md "Auto-assignment"): who gets a seat of
-- the pool at every roster apply (upload or sync) and when the rules are saved, without anyone assigning it.
--
-- A rule is a kind (which role: students or teachers) narrowed by at most a school, a course title (as classes carry
-- it) and a grade (a CEDS code). The set of a pool is replaced as a whole (PUT), so rules have no identity of their
-- own beyond their place in the list.
create table auto_assign_rules (
    district_id uuid not null,
    pool_id     uuid not null,
    position    integer not null check (position >= 0),
    kind        text not null check (kind in ('ALL_STUDENTS', 'ALL_TEACHERS', 'SCHOOL_STUDENTS', 'SCHOOL_TEACHERS',
                                              'COURSE_STUDENTS', 'COURSE_TEACHERS', 'GRADE_STUDENTS')),
    -- the role a rule's people have (the seat type of the pool must fit it: checked when the rules are saved)
    person_role text not null generated always as (case when kind like '%\_TEACHERS' then 'TEACHER' else 'STUDENT' end) stored,
    school_id   uuid,
    course      text,
    grade       text,
    created_by  text not null,
    created_at  timestamptz not null,
    primary key (district_id, pool_id, position),
    foreign key (pool_id, district_id) references license_pools (id, district_id),
    foreign key (school_id, district_id) references schools (id, district_id),
    check (kind not in ('SCHOOL_STUDENTS', 'SCHOOL_TEACHERS') or school_id is not null),
    check (kind not in ('ALL_STUDENTS', 'ALL_TEACHERS') or school_id is null),
    check ((kind in ('COURSE_STUDENTS', 'COURSE_TEACHERS')) = (course is not null)),
    check ((kind = 'GRADE_STUDENTS') = (grade is not null))
);
-- the same rule twice in one pool is one rule
create unique index auto_assign_rules_once
    on auto_assign_rules (district_id, pool_id, kind, school_id, lower(course), grade) nulls not distinct;

-- A grade as the source gives it, as a CEDS code: Clever's "9" and "Kindergarten" and OneRoster's "09" and "KG" are the
-- same grade. Unknown values stay as they are (trimmed), so they match no rule. The codes are AutoAssignRules.GRADES.
create function ceds_grade(grade text) returns text language sql immutable parallel safe as $$
    select case
        when g is null or g = '' then null
        when g ~ '^[0-9]{1,2}$' and g::int between 1 and 13 then lpad(g::int::text, 2, '0')
        else case upper(g)
            when 'IT' then 'IT' when 'INFANTTODDLER' then 'IT'
            when 'PR' then 'PR' when 'PRESCHOOL' then 'PR'
            when 'PK' then 'PK' when 'PREKINDERGARTEN' then 'PK'
            when 'TK' then 'TK' when 'TRANSITIONALKINDERGARTEN' then 'TK'
            when 'KG' then 'KG' when 'KINDERGARTEN' then 'KG'
            when 'PS' then 'PS' when 'POSTGRADUATE' then 'PS' when 'POSTSECONDARY' then 'PS'
            when 'UG' then 'UG' when 'UNGRADED' then 'UG'
            when 'OTHER' then 'Other'
            else g end
        end
    from (select btrim(grade) as g) t
$$;
