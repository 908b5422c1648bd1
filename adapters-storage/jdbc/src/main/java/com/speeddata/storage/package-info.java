/**
 * The storage adapters: {@link com.speeddata.storage.Database} (pool and schema), the root
 * {@link com.speeddata.storage.StoreException}, and per port a sub-package of JDBC adapters that run unchanged on
 * the embedded H2 (in PostgreSQL mode) and on PostgreSQL. Flyway migrations live in {@code db/migration/h2} and
 * {@code db/migration/postgresql}; a later module's tables come as V2, V3... in both folders.
 */
package com.speeddata.storage;
