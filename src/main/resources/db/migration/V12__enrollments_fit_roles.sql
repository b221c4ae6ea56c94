-- A person's enrollments follow their role: a teacher who became a student teaches no class (and so no longer
-- sees its students), a student who became an educator sits in none. From now on PeopleAdmin removes such
-- enrollments in the same transaction as the change; this removes the ones left by earlier changes.
delete from enrollments e using users u
where u.id = e.user_id and e.role <> case when u.role = 'STUDENT' then 'STUDENT' else 'TEACHER' end;
