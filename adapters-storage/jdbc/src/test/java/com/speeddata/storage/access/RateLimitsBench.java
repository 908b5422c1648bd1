package com.speeddata.storage.access;

import com.speeddata.jobs.access.InMemoryRateLimits;
import com.speeddata.jobs.access.RateLimits;
import com.speeddata.jobs.access.RatePolicy;
import com.speeddata.jobs.access.Tier;
import com.speeddata.storage.Database;
import com.speeddata.storage.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Rate-limit figures on PostgreSQL (a fresh schema on {@code TEST_DATABASE_URL}), printed, never asserted:
 * <ol>
 *   <li>two instances (two {@link Database}s, two pools) hammering one tenant's bucket: passed a second against
 *   the policy, beside two in-memory instances (what per-instance buckets would allow);</li>
 *   <li>the cost of one take: p50 / p99 / p99.9 in µs, one thread and 32, on 32 tenants' buckets and on one hot
 *   bucket, through the worker pool (no WAL flush wait) and, for comparison, the durable pool.</li>
 * </ol>
 * Arguments: seconds for the two-instance run (default 10), seconds per latency run (default 5).
 */
public final class RateLimitsBench {
    private RateLimitsBench() {}

    public static void main(String[] args) throws Exception {
        int shareSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int latencySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (TestDatabase test = TestDatabase.postgres();
                Database other = Database.open(test.url(), null)) {
            RatePolicy policy = Tier.PRO_PLUS.scoreRate();
            System.out.printf(
                    "policy %s: %.0f/s, burst %d; two instances, 8 threads each, %d s%n",
                    policy.name(), policy.perSecond(), policy.burst(), shareSeconds);
            share(
                    "PostgreSQL (shared table)",
                    new PostgresRateLimits(test.database()),
                    new PostgresRateLimits(other),
                    policy,
                    shareSeconds);
            share(
                    "PostgreSQL + EmptyBucketCache (SharedRateLimits.of)",
                    SharedRateLimits.of(test.database()),
                    SharedRateLimits.of(other),
                    policy,
                    shareSeconds);
            share(
                    "in memory (per instance) ",
                    new InMemoryRateLimits(),
                    new InMemoryRateLimits(),
                    policy,
                    shareSeconds);

            RatePolicy open = new RatePolicy("bench", 1e9, 1_000_000_000); // every take passes: cost only
            RatePolicy shut = new RatePolicy("bench-refused", 1e-6, 1); // every take after the first is refused
            RateLimits worker = new PostgresRateLimits(test.database());
            RateLimits durable = new PostgresRateLimits(test.database().dataSource());
            System.out.printf(
                    "%ntake() latency, %d s per line (pool of %d connections)%n", latencySeconds, Database.POOL_SIZE);
            latency("1 thread, allowed          ", worker, open, 1, i -> "tenant-0", latencySeconds);
            latency("1 thread, refused          ", worker, shut, 1, i -> "tenant-0", latencySeconds);
            latency("32 threads, 32 buckets     ", worker, open, 32, i -> "tenant-" + i, latencySeconds);
            latency("32 threads, one hot bucket ", worker, open, 32, i -> "tenant-0", latencySeconds);
            latency(
                    "32 threads, 32 buckets, durable commits   ",
                    durable,
                    open,
                    32,
                    i -> "tenant-" + i,
                    latencySeconds);
            latency("32 threads, one hot bucket, durable commits", durable, open, 32, i -> "tenant-0", latencySeconds);
            RatePolicy proPlus = Tier.PRO_PLUS.scoreRate();
            latency(
                    "SharedRateLimits.of, 32 threads, one tenant far over pro_plus",
                    SharedRateLimits.of(test.database()),
                    proPlus,
                    32,
                    i -> "tenant-x",
                    latencySeconds);
            latency(
                    "in memory, 32 threads, one bucket",
                    new InMemoryRateLimits(),
                    open,
                    32,
                    i -> "tenant-0",
                    latencySeconds);
        }
    }

    private static void share(String label, RateLimits a, RateLimits b, RatePolicy policy, int seconds)
            throws Exception {
        String tenant = "share-" + label.strip(); // a full bucket of its own for each run
        long[][] counts = run(16, i -> i % 2 == 0 ? a : b, i -> tenant, policy, seconds);
        long allowed = Arrays.stream(counts).mapToLong(c -> c[0]).sum();
        long calls = Arrays.stream(counts).mapToLong(c -> c[1]).sum();
        double expected = (policy.burst() + policy.perSecond() * seconds) / seconds;
        System.out.printf(
                Locale.ROOT,
                "  %s: %d of %d takes passed = %.1f/s (policy allows %.1f/s over %d s: "
                        + "burst + rate × t; %.2f× the policy)%n",
                label,
                allowed,
                calls,
                (double) allowed / seconds,
                expected,
                seconds,
                allowed / (expected * seconds));
    }

    private static void latency(
            String label,
            RateLimits limits,
            RatePolicy policy,
            int threads,
            IntFunction<String> tenantOfThread,
            int seconds)
            throws Exception {
        run(threads, i -> limits, tenantOfThread, policy, 1); // warm up: JIT, prepared statements, connections
        List<long[]> samples = new ArrayList<>();
        long[][] counts = run(threads, i -> limits, tenantOfThread, policy, seconds, samples);
        long calls = Arrays.stream(counts).mapToLong(c -> c[1]).sum();
        long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "  %s: %,8d takes/s  p50 %6d µs  p99 %6d µs  p99.9 %6d µs%n",
                label,
                calls / seconds,
                percentile(all, 0.50),
                percentile(all, 0.99),
                percentile(all, 0.999));
    }

    private static long[][] run(
            int threads,
            IntFunction<RateLimits> instanceOfThread,
            IntFunction<String> tenant,
            RatePolicy policy,
            int seconds)
            throws Exception {
        return run(threads, instanceOfThread, tenant, policy, seconds, null);
    }

    /** Each thread takes as fast as it can; returns {allowed, calls} per thread, and each take's µs if asked. */
    private static long[][] run(
            int threads,
            IntFunction<RateLimits> instanceOfThread,
            IntFunction<String> tenant,
            RatePolicy policy,
            int seconds,
            List<long[]> samples)
            throws Exception {
        long stopAt = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            List<long[]> perThread = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                RateLimits limits = instanceOfThread.apply(t);
                String name = tenant.apply(t);
                long[] micros = new long[2_000_000];
                perThread.add(micros);
                futures.add(pool.submit(() -> {
                    long allowed = 0;
                    int calls = 0;
                    while (System.nanoTime() < stopAt) {
                        long start = System.nanoTime();
                        if (limits.take(name, policy, Instant.now()).allowed()) {
                            allowed++;
                        }
                        if (calls < micros.length) {
                            micros[calls] = (System.nanoTime() - start) / 1_000;
                        }
                        calls++;
                    }
                    return new long[] {allowed, calls};
                }));
            }
            long[][] counts = new long[threads][];
            for (int t = 0; t < threads; t++) {
                counts[t] = futures.get(t).get();
                if (samples != null) {
                    samples.add(Arrays.copyOf(perThread.get(t), (int) Math.min(counts[t][1], 2_000_000)));
                }
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
