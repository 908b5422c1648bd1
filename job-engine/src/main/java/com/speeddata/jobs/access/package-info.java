/**
 * Who may call: API keys, the tenants they belong to and the tiers that bound them. Lives beside the job engine
 * because both products (pivot export and scoring) share it; pure JDK, with {@link ApiKeyStore} as the port that
 * the storage adapter implements.
 */
package com.speeddata.jobs.access;
