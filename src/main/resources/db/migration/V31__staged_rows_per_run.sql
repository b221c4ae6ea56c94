-- Staged rows per run (docs/design.md "Roster changes engine: scale"): each run stages into staged_rows of a schema of its
-- own (staged_<run id in hex>, made by RunStore.createStaging: unlogged partitions per kind, no index), dropped whole with
-- the run's staging. public.staged_rows stays as the template of their columns only. Rows staged before this migration are
-- dropped: a kept preview must be uploaded again (its Apply answers not_previewed).
truncate staged_rows;
drop index if exists staged_rows_key;
drop index if exists staged_rows_ref;
update sync_runs set staged = false where staged;
