/**
 * Who may call and how much: API keys ({@link com.speeddata.jobs.access.ApiKeys}), the tenants they belong to and
 * the tiers that bound them, and token-bucket rate limits ({@link com.speeddata.jobs.access.RateLimits}) that hold
 * across every instance sharing one database. Lives beside the job engine because both products (pivot export and
 * scoring) share it; pure JDK, with {@link com.speeddata.jobs.access.ApiKeyStore} and
 * {@link com.speeddata.jobs.access.RateLimits} as the ports the storage adapters implement.
 *
 * <p>Rate limits: the port takes one token from the bucket named by (tenant, policy name) and says whether the
 * request may go on, with what the HTTP adapter needs for its {@code Retry-After} and {@code RateLimit} headers.
 * Adapters: {@link com.speeddata.jobs.access.InMemoryRateLimits} (one process: the embedded database, tests), the
 * PostgreSQL table in adapters-storage (several instances), and two decorators for it:
 * {@link com.speeddata.jobs.access.FailOpenRateLimits} falls back to per-instance buckets while the shared store
 * fails, and {@link com.speeddata.jobs.access.EmptyBucketCache} refuses takes from a bucket known to be empty
 * without asking the store. The bucket rule itself lives in {@link com.speeddata.jobs.access.TokenBucket}.
 */
package com.speeddata.jobs.access;
