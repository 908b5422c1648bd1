-- A take may ask for several tokens at once (PostgresRateLimits coalesces the takes of one bucket that arrive
-- while a round trip for it is out): the row records how many the last take got, since RETURNING sees only the
-- new values. `taken` stays (true when at least one was granted) so that an instance of the previous version,
-- during a rolling upgrade, still reads what it expects.
ALTER TABLE rate_bucket ADD COLUMN granted INTEGER NOT NULL DEFAULT 0;
