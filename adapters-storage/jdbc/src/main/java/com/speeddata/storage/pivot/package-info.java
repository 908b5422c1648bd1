/**
 * The pivot ports ({@link com.speeddata.pivot.catalog.Catalog}, {@link com.speeddata.pivot.sample.SampleStore}) on
 * H2 or PostgreSQL through plain JDBC.
 *
 * <p>Samples live in {@code sample_chunk}, up to {@link com.speeddata.storage.pivot.JdbcSampleStore#CHUNK_SAMPLES}
 * per row, keyed by {@code (signal_id, first_ns)}; the chunks of one signal never overlap in time. A row holds
 * {@code n}, {@code first_ns}, {@code last_ns}, the values as n little-endian float64 ({@code vals}), and the times
 * either as n little-endian int64 ({@code times}) or, when the chunk is evenly spaced, not at all: sample i is at
 * {@code first_ns + i * step_ns}. {@code signal.sample_count}, {@code first_ns} and {@code last_ns} are kept exact
 * in the same transaction as every write.
 */
package com.speeddata.storage.pivot;
