-- Roster scope (issue 7 §1).
-- A school may allow its teachers to enroll any active student of the school into their classes;
-- by default a teacher enrolls only students already in one of their classes or created by them.
-- Set by district admins and that school's admins (PATCH /api/v1/schools/{schoolId}, console Schools page).
alter table schools add column teachers_may_enroll_any_student boolean not null default false;

-- Who created a person by hand (a teacher may enroll the students they created). Null for people
-- from uploads and syncs and for those created before this column existed. The composite key keeps
-- the creator in the same district.
alter table users add column created_by uuid;
alter table users add constraint users_created_by_fk foreign key (created_by, district_id) references users (id, district_id);
create index users_created_by on users (created_by) where created_by is not null;
