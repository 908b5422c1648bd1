-- Nothing: the rate buckets are a PostgreSQL table (../postgresql/V11); this file keeps the version numbers in step.
SELECT 1;
