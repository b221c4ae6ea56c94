-- Roster lists of large districts (issue 12; docs/design.md "Large districts: roster lists"). Every long list pages by
-- keyset in its sort order, so each gets an index of that order after its filter; RosterQueryPlansTest proves with
-- EXPLAIN on a loaded roster that the list queries use them.

-- People in name order (family name, given name, id), of the whole district or of one role. The second replaces
-- users_district_role, which lacked the id that breaks ties between namesakes.
create index users_district_name on users (district_id, family_name, given_name, id);
create index users_district_role_name on users (district_id, role, family_name, given_name, id);
drop index users_district_role;

-- Name search: "part of a name or email, ignoring case" is an ILIKE '%…%', which only a trigram index answers without
-- reading every person. pg_trgm ships with PostgreSQL (the embedded binaries too) and is a trusted extension: a database
-- owner may create it. The expression must stay equal to RosterListStore.SEARCH_TEXT (with the alias u).
create extension if not exists pg_trgm;
create index users_name_search on users using gin ((given_name || ' ' || family_name || E'\n' || family_name || ', ' || given_name
    || E'\n' || coalesce(email, '')) gin_trgm_ops);

-- Classes in name order, of the district or of a school admin's schools. The second replaces classes_district_school.
create index classes_district_name on classes (district_id, name, id);
create index classes_district_school_name on classes (district_id, school_id, name, id);
drop index classes_district_school;
