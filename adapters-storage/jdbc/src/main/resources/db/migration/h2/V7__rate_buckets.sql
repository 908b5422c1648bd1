-- Nothing: the per-tenant rate buckets are a PostgreSQL table (../postgresql/V7) because several instances share
-- them. The embedded database has one process, which keeps its buckets in memory (InMemoryRateLimits). This file
-- keeps the two folders' version numbers in step.
SELECT 1;
