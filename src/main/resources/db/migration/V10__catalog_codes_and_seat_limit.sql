-- Product codes are unique ignoring case (a code is typed by people and product apps: MATH-1 and math-1 are one
-- product), and a pool holds at most 10,000,000 seats (licensing's SeatLimit.MAX_SEATS_PER_POOL): the services refuse
-- more first (422 seat_limit_exceeded); these constraints back them up under races, and their names are mapped to
-- the same problems (shared.ConstraintRefusal).
create unique index products_code_lower on products (lower(code));
alter table license_pools add constraint pool_seats_within_limit check (seats <= 10000000);
