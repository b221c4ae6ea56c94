-- A district's schools have distinct names, ignoring case: people pick a school by its name in the console, the
-- roster upload and the pool pictures, and two "Lincoln Elementary" would be told apart by nobody.
-- The districts service refuses a duplicate first (duplicate_school_name); this index catches a race between two
-- requests, mapped to the same problem by shared.ConstraintRefusal. Clever and ClassLink syncs must handle it too.
create unique index schools_name_per_district on schools (district_id, lower(name));
