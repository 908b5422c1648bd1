package com.speeddata.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JobStore} must do; run against the in-memory, embedded and PostgreSQL stores. */
public abstract class JobStoreContract {
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Set<String> KINDS = Set.of("export");

    private JobStore store;

    /** A store with no jobs in it. */
    protected abstract JobStore newStore();

    /**
     * Whether the store ranks tenants when it claims (multi-user mode). A store that claims in order (single-user
     * mode, one unlimited tenant) skips the fairness cases; every other case holds for both.
     */
    protected boolean ranksTenants() {
        return true;
    }

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    private static NewJob job(String owner, String hash) {
        return new NewJob(JobId.random(), "export", owner, hash, "{\"n\": 1}", 3);
    }

    private Job submitted(NewJob job, Instant at) {
        return store.submit(job, at, 100).job();
    }

    @Test
    void an_owner_finds_its_own_job_and_another_owners_as_nothing() {
        NewJob job = job("alice", "h1");
        store.submit(job, T0, 100);
        assertEquals("alice", store.find("alice", job.id()).orElseThrow().owner());
        assertTrue(store.find("bob", job.id()).isEmpty());
        assertTrue(store.find("alice", JobId.random()).isEmpty());
    }

    @Test
    void submit_queues_a_job_and_shows_it() {
        NewJob job = job("alice", "h1");
        Submission submission = store.submit(job, T0, 100);
        assertTrue(submission.created());
        Job stored = store.find(job.id()).orElseThrow();
        assertEquals(JobStatus.QUEUED, stored.status());
        assertEquals("alice", stored.owner());
        assertEquals("{\"n\": 1}", stored.payload());
        assertEquals(T0, stored.createdAt());
        assertEquals(0, stored.attempts());
        assertEquals(3, stored.maxAttempts());
        assertEquals(Progress.NONE, stored.progress());
        assertTrue(store.find(JobId.random()).isEmpty());
    }

    @Test
    void the_same_id_and_request_again_returns_the_same_job_and_queues_nothing() {
        NewJob job = job("alice", "h1");
        store.submit(job, T0, 100);
        Submission again = store.submit(job, T0.plusSeconds(5), 100);
        assertFalse(again.created());
        assertEquals(T0, again.job().createdAt());
        assertEquals(1, store.countQueued());
    }

    @Test
    void the_same_id_with_another_request_is_a_conflict() {
        NewJob job = job("alice", "h1");
        store.submit(job, T0, 100);
        NewJob other = new NewJob(job.id(), "export", "alice", "h2", "{}", 3);
        assertThrows(JobIdConflictException.class, () -> store.submit(other, T0, 100));
        NewJob otherOwner = new NewJob(job.id(), "export", "bob", "h1", job.payload(), 3);
        assertThrows(JobIdConflictException.class, () -> store.submit(otherOwner, T0, 100));
    }

    @Test
    void a_full_queue_refuses_new_jobs_but_not_repeats() {
        NewJob first = job("alice", "h1");
        store.submit(first, T0, 2);
        store.submit(job("alice", "h2"), T0, 2);
        assertThrows(QueueFullException.class, () -> store.submit(job("alice", "h3"), T0, 2));
        assertFalse(store.submit(first, T0, 2).created());
    }

    @Test
    void claim_takes_the_oldest_runnable_job_of_a_known_kind() {
        Job older = submitted(job("a", "1"), T0);
        submitted(job("a", "2"), T0.plusSeconds(1));
        submitted(new NewJob(JobId.random(), "other", "a", "3", "{}", 1), T0.minusSeconds(10));
        Job claimed = store.claim("w1", KINDS, T0.plusSeconds(2), LEASE).orElseThrow();
        assertEquals(older.id(), claimed.id());
        assertEquals(JobStatus.RUNNING, claimed.status());
        assertEquals(1, claimed.attempts());
        assertEquals("w1", claimed.leaseOwner());
        assertEquals(T0.plusSeconds(2).plus(LEASE), claimed.leaseExpiresAt());
        assertEquals(T0.plusSeconds(2), claimed.startedAt());
        assertEquals(claimed, store.find(older.id()).orElseThrow());
    }

    @Test
    void an_adopted_job_is_running_on_its_worker_and_finishes_like_any_other() {
        NewJob job = job("alice", "h1");
        Job adopted = store.adopt(job, "i1/adopted", T0, LEASE);
        assertEquals(JobStatus.RUNNING, adopted.status());
        assertEquals(1, adopted.attempts());
        assertEquals(T0, adopted.startedAt());
        assertEquals(adopted, store.find(job.id()).orElseThrow());
        assertTrue(store.claim("w2", KINDS, T0.plusSeconds(1), LEASE).isEmpty(), "leased to its adopter");
        assertEquals(LeaseState.HELD, store.renew(job.id(), "i1/adopted", T0.plusSeconds(60), new Progress(70, "x")));
        assertTrue(store.complete(job.id(), "i1/adopted", result(), T0.plusSeconds(2), T0.plusSeconds(99)));
        assertEquals(0, store.countQueued());
    }

    @Test
    void an_adopted_job_whose_instance_died_is_rerun_by_another() {
        NewJob job = job("alice", "h1");
        store.adopt(job, "i1/adopted", T0, LEASE);
        Job rerun =
                store.claim("w2", KINDS, T0.plus(LEASE).plusSeconds(1), LEASE).orElseThrow();
        assertEquals(job.id(), rerun.id());
        assertEquals(2, rerun.attempts());
    }

    @Test
    void nothing_to_claim_is_empty() {
        assertTrue(store.claim("w1", KINDS, T0, LEASE).isEmpty());
    }

    @Test
    void concurrent_claims_never_hand_one_job_to_two_workers() throws Exception {
        int jobs = 100; // the capacity
        int workers = 8;
        for (int i = 0; i < jobs; i++) {
            submitted(job("a", "h" + i), T0.plusMillis(i));
        }
        ConcurrentLinkedQueue<JobId> claimed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String worker = "w" + w;
            futures.add(pool.submit(() -> {
                Optional<Job> next;
                while ((next = store.claim(worker, KINDS, T0.plusSeconds(1), LEASE)).isPresent()) {
                    claimed.add(next.get().id());
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        assertEquals(jobs, claimed.size());
        assertEquals(jobs, new HashSet<>(claimed).size());
    }

    @Test
    void concurrent_completions_each_keep_their_own_lease_check() throws Exception {
        List<Job> claimed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            submitted(job("a", "h" + i), T0.plusMillis(i));
            claimed.add(
                    store.claim("w" + (i % 4), KINDS, T0.plusSeconds(1), LEASE).orElseThrow());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> byOwner = new ArrayList<>();
        List<Future<Boolean>> byStranger = new ArrayList<>();
        for (Job job : claimed) {
            JobResult result = new JobResult(1, "ab".repeat(32), "text/csv", "r/" + job.id());
            byStranger.add(pool.submit(
                    () -> store.complete(job.id(), "stranger", result, T0.plusSeconds(2), T0.plusSeconds(60))));
            byOwner.add(pool.submit(
                    () -> store.complete(job.id(), job.leaseOwner(), result, T0.plusSeconds(2), T0.plusSeconds(60))));
        }
        for (int i = 0; i < claimed.size(); i++) {
            assertTrue(byOwner.get(i).get(), "the lease holder completes");
            assertFalse(byStranger.get(i).get(), "another worker is refused");
            Job done = store.find(claimed.get(i).id()).orElseThrow();
            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals("r/" + done.id(), done.result().location());
        }
        pool.shutdown();
    }

    @Test
    void a_job_whose_lease_expired_is_claimed_again_and_its_old_worker_is_shut_out() {
        Job job = submitted(job("a", "1"), T0);
        store.claim("w1", KINDS, T0, LEASE).orElseThrow();
        assertTrue(store.claim("w2", KINDS, T0.plusSeconds(10), LEASE).isEmpty(), "lease still held");
        Job taken =
                store.claim("w2", KINDS, T0.plus(LEASE).plusSeconds(1), LEASE).orElseThrow();
        assertEquals(job.id(), taken.id());
        assertEquals(2, taken.attempts());
        assertEquals("w2", taken.leaseOwner());
        assertEquals(LeaseState.LOST, store.renew(job.id(), "w1", T0.plusSeconds(100), Progress.NONE));
        assertFalse(store.complete(job.id(), "w1", result(), T0.plusSeconds(40), T0.plusSeconds(99)));
        assertTrue(store.complete(job.id(), "w2", result(), T0.plusSeconds(40), T0.plusSeconds(99)));
    }

    @Test
    void renewal_extends_the_lease_and_stores_progress() {
        Job job = submitted(job("a", "1"), T0);
        store.claim("w1", KINDS, T0, LEASE);
        assertEquals(LeaseState.HELD, store.renew(job.id(), "w1", T0.plusSeconds(60), new Progress(40, "ch1")));
        Job renewed = store.find(job.id()).orElseThrow();
        assertEquals(new Progress(40, "ch1"), renewed.progress());
        Progress items = Progress.ofItems(300, 2, 1000, "scoring");
        store.renew(job.id(), "w1", T0.plusSeconds(60), items);
        assertEquals(items, store.find(job.id()).orElseThrow().progress());
        store.renew(job.id(), "w1", T0.plusSeconds(60), Progress.ofItems(998, 2, 1000, "scoring"));
        store.complete(job.id(), "w1", result(), T0.plusSeconds(61), T0.plusSeconds(99));
        Progress finished = store.find(job.id()).orElseThrow().progress();
        assertEquals(new Progress(100, "completed", 998, 2, 1000), finished, "completion keeps the item counts");
        assertEquals(T0.plusSeconds(60), renewed.leaseExpiresAt());
        assertTrue(store.claim("w2", KINDS, T0.plusSeconds(45), LEASE).isEmpty(), "renewed lease holds");
    }

    @Test
    void completion_keeps_the_results_summary_whole() {
        Job job = submitted(job("a", "1"), T0);
        store.claim("w1", KINDS, T0, LEASE);
        // Longer than any VARCHAR default, with text that needs escaping in SQL and JSON.
        String summary = "{\"receipt\": {\"ch1/v\": \"it's \\u00e9\"}, \"pad\": \"" + "x".repeat(70_000) + "\"}";
        assertTrue(
                store.complete(job.id(), "w1", result().withSummary(summary), T0.plusSeconds(5), T0.plusSeconds(3605)));
        assertEquals(summary, store.find(job.id()).orElseThrow().result().summary());
    }

    @Test
    void completion_records_the_result_and_its_expiry() {
        Job job = submitted(job("a", "1"), T0);
        store.claim("w1", KINDS, T0, LEASE);
        assertTrue(store.complete(job.id(), "w1", result(), T0.plusSeconds(5), T0.plusSeconds(3605)));
        Job done = store.find(job.id()).orElseThrow();
        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals(result(), done.result());
        assertEquals(T0.plusSeconds(5), done.finishedAt());
        assertEquals(T0.plusSeconds(3605), done.expiresAt());
        assertEquals(100, done.progress().percent());
        assertFalse(store.fail(job.id(), "w1", new JobError("X", "late"), T0.plusSeconds(6)), "done is done");
    }

    @Test
    void a_failed_attempt_retries_after_its_backoff() {
        Job job = submitted(job("a", "1"), T0);
        store.claim("w1", KINDS, T0, LEASE);
        assertTrue(store.retry(job.id(), "w1", new JobError("DB_DOWN", "try again"), T0.plusSeconds(10)));
        Job queued = store.find(job.id()).orElseThrow();
        assertEquals(JobStatus.QUEUED, queued.status());
        assertEquals(new JobError("DB_DOWN", "try again"), queued.error());
        assertTrue(store.claim("w1", KINDS, T0.plusSeconds(9), LEASE).isEmpty());
        assertEquals(
                2,
                store.claim("w1", KINDS, T0.plusSeconds(10), LEASE)
                        .orElseThrow()
                        .attempts());
    }

    @Test
    void failure_is_final() {
        Job job = submitted(job("a", "1"), T0);
        store.claim("w1", KINDS, T0, LEASE);
        assertTrue(store.fail(job.id(), "w1", new JobError("BAD", "no"), T0.plusSeconds(1)));
        Job failed = store.find(job.id()).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals("BAD", failed.error().code());
        assertTrue(store.claim("w2", KINDS, T0.plusSeconds(999), LEASE).isEmpty());
    }

    @Test
    void a_job_out_of_attempts_is_not_claimed_again_but_reaped_as_failed() {
        NewJob once = new NewJob(JobId.random(), "export", "a", "1", "{}", 1);
        store.submit(once, T0, 100);
        store.claim("w1", KINDS, T0, LEASE);
        Instant late = T0.plus(LEASE).plusSeconds(1);
        assertTrue(store.claim("w2", KINDS, late, LEASE).isEmpty());
        assertEquals(1, store.reapAbandoned(late));
        Job failed = store.find(once.id()).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals("WORKER_LOST", failed.error().code());
    }

    @Test
    void cancelling_a_queued_job_cancels_it_at_once() {
        Job job = submitted(job("a", "1"), T0);
        assertEquals(
                JobStatus.CANCELLED,
                store.requestCancel(job.id(), T0.plusSeconds(1)).orElseThrow().status());
        assertTrue(store.claim("w1", KINDS, T0.plusSeconds(2), LEASE).isEmpty());
        assertEquals(T0.plusSeconds(1), store.find(job.id()).orElseThrow().finishedAt());
    }

    @Test
    void cancelling_a_running_job_reaches_its_worker_at_the_next_renewal() {
        Job job = submitted(job("a", "1"), T0);
        store.claim("w1", KINDS, T0, LEASE);
        Job asked = store.requestCancel(job.id(), T0.plusSeconds(1)).orElseThrow();
        assertEquals(JobStatus.RUNNING, asked.status());
        assertTrue(asked.cancelRequested());
        assertEquals(LeaseState.CANCEL_REQUESTED, store.renew(job.id(), "w1", T0.plusSeconds(60), Progress.NONE));
        assertTrue(store.markCancelled(job.id(), "w1", T0.plusSeconds(2)));
        assertEquals(JobStatus.CANCELLED, store.find(job.id()).orElseThrow().status());
    }

    @Test
    void a_cancelled_job_whose_worker_died_is_reaped_as_cancelled_not_rerun() {
        Job job = submitted(job("a", "1"), T0);
        store.claim("w1", KINDS, T0, LEASE);
        store.requestCancel(job.id(), T0.plusSeconds(1));
        Instant late = T0.plus(LEASE).plusSeconds(1);
        assertTrue(store.claim("w2", KINDS, late, LEASE).isEmpty());
        assertEquals(1, store.reapAbandoned(late));
        assertEquals(JobStatus.CANCELLED, store.find(job.id()).orElseThrow().status());
    }

    @Test
    void cancelling_a_finished_job_changes_nothing() {
        Job job = submitted(job("a", "1"), T0);
        store.claim("w1", KINDS, T0, LEASE);
        store.complete(job.id(), "w1", result(), T0, T0.plusSeconds(10));
        assertEquals(
                JobStatus.COMPLETED,
                store.requestCancel(job.id(), T0).orElseThrow().status());
        assertTrue(store.requestCancel(JobId.random(), T0).isEmpty());
    }

    @Test
    void completed_results_expire_after_their_time() {
        Job job = submitted(job("a", "1"), T0);
        store.claim("w1", KINDS, T0, LEASE);
        store.complete(job.id(), "w1", result(), T0, T0.plusSeconds(10));
        assertTrue(store.expire(T0.plusSeconds(9)).isEmpty());
        List<Job> expired = store.expire(T0.plusSeconds(10));
        assertEquals(1, expired.size());
        assertEquals(result(), expired.get(0).result());
        Job after = store.find(job.id()).orElseThrow();
        assertEquals(JobStatus.EXPIRED, after.status());
        assertNotNull(after.result(), "the status page still shows what the result was");
        assertTrue(store.expire(T0.plusSeconds(20)).isEmpty(), "expires once");
    }

    @Test
    void a_discarded_result_expires_at_once_and_keeps_where_its_file_was() {
        Job job = submitted(job("a", "1"), T0);
        store.claim("w1", KINDS, T0, LEASE);
        store.complete(job.id(), "w1", result(), T0, T0.plusSeconds(3600));
        Job discarded = store.discardResult(job.id()).orElseThrow();
        assertEquals(JobStatus.EXPIRED, discarded.status());
        assertEquals(result(), discarded.result(), "the caller deletes the file at this location");
        assertEquals(JobStatus.EXPIRED, store.find(job.id()).orElseThrow().status());
        assertEquals(
                JobStatus.EXPIRED, store.discardResult(job.id()).orElseThrow().status(), "twice is harmless");
        assertTrue(store.expire(T0.plusSeconds(7200)).isEmpty(), "the expiry sweep does not see it again");
        assertTrue(store.discardResult(JobId.random()).isEmpty());
    }

    @Test
    void discarding_the_result_of_an_unfinished_or_failed_job_changes_nothing() {
        Job queued = submitted(job("a", "1"), T0);
        assertEquals(
                JobStatus.QUEUED, store.discardResult(queued.id()).orElseThrow().status());
        store.claim("w1", KINDS, T0, LEASE);
        assertEquals(
                JobStatus.RUNNING,
                store.discardResult(queued.id()).orElseThrow().status());
        store.fail(queued.id(), "w1", new JobError("X", "failed"), T0);
        assertEquals(
                JobStatus.FAILED, store.discardResult(queued.id()).orElseThrow().status());
    }

    private List<JobId> listed(String owner, String kind, JobStatus status, JobListing.Cursor after, int limit) {
        return store.list(new JobListing(owner, kind, status, after, limit)).stream()
                .map(Job::id)
                .toList();
    }

    @Test
    void an_owner_lists_only_their_jobs_of_one_kind_newest_first() {
        Job first = submitted(job("alice", "1"), T0);
        Job second = submitted(job("alice", "2"), T0.plusSeconds(1));
        submitted(job("bob", "3"), T0.plusSeconds(2));
        submitted(new NewJob(JobId.random(), "other-kind", "alice", "4", "{}", 3), T0.plusSeconds(3));
        assertEquals(List.of(second.id(), first.id()), listed("alice", "export", null, null, 10));
        assertEquals(List.of(second.id()), listed("alice", "export", null, null, 1));
        assertTrue(listed("carol", "export", null, null, 10).isEmpty());
    }

    @Test
    void pages_follow_each_other_without_gaps_or_repeats_even_when_jobs_share_a_creation_time() {
        List<JobId> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(submitted(job("alice", "h" + i), T0.plusSeconds(i / 3)).id()); // three jobs per second
        }
        List<JobId> paged = new ArrayList<>();
        JobListing.Cursor after = null;
        for (int page = 0; page < 10; page++) {
            List<Job> jobs = store.list(new JobListing("alice", "export", null, after, 2));
            jobs.forEach(j -> paged.add(j.id()));
            if (jobs.size() < 2) {
                break;
            }
            after = JobListing.Cursor.after(jobs.get(jobs.size() - 1));
        }
        assertEquals(listed("alice", "export", null, null, 10), paged, "pages in the order of one big page");
        assertEquals(new HashSet<>(all), new HashSet<>(paged));
        assertEquals(all.get(6), paged.get(0), "the newest first");
    }

    @Test
    void a_listing_can_ask_for_one_status() {
        submitted(job("alice", "1"), T0);
        Job later = submitted(job("alice", "2"), T0.plusSeconds(1));
        Job running = store.claim("w1", KINDS, T0.plusSeconds(2), LEASE).orElseThrow();
        assertEquals(List.of(running.id()), listed("alice", "export", JobStatus.RUNNING, null, 10));
        assertEquals(List.of(later.id()), listed("alice", "export", JobStatus.QUEUED, null, 10));
        assertTrue(listed("alice", "export", JobStatus.FAILED, null, 10).isEmpty());
    }

    @Test
    void only_queued_jobs_count_toward_the_queue() {
        submitted(job("a", "1"), T0);
        submitted(job("a", "2"), T0);
        assertEquals(2, store.countQueued());
        store.claim("w1", KINDS, T0, LEASE);
        assertEquals(1, store.countQueued());
        Job running = store.list(new JobListing("a", "export", JobStatus.RUNNING, null, 10))
                .get(0);
        assertNull(running.result());
    }

    @Test
    void jobs_are_counted_by_status() {
        submitted(job("a", "1"), T0);
        submitted(job("a", "2"), T0.plusSeconds(1));
        store.claim("w1", KINDS, T0.plusSeconds(2), LEASE);
        java.util.Map<JobStatus, Long> counts = store.countByStatus();
        assertEquals(1L, counts.get(JobStatus.QUEUED));
        assertEquals(1L, counts.get(JobStatus.RUNNING));
        assertNull(counts.get(JobStatus.FAILED));
    }

    // Tenants' quotas and fair claiming (issue 9). PRO and PRO_PLUS are the contract's default tiers.
    private static final JobQuota PRO = new JobQuota(100, 2, 1);
    private static final JobQuota PRO_PLUS = new JobQuota(1000, 8, 2);

    private static NewJob job(String owner, String hash, JobQuota quota) {
        return job(owner, hash).withQuota(quota);
    }

    private String claimedOwner(Instant now) {
        return store.claim("w", KINDS, now, LEASE).map(Job::owner).orElse("none");
    }

    @Test
    void a_tenant_at_its_queued_quota_is_refused_but_its_repeats_and_other_tenants_are_not() {
        JobQuota two = new JobQuota(2, 2, 1);
        NewJob first = job("acme", "1", two);
        store.submit(first, T0, 100);
        store.submit(job("acme", "2", two), T0, 100);
        QuotaExceededException refused =
                assertThrows(QuotaExceededException.class, () -> store.submit(job("acme", "3", two), T0, 100));
        assertEquals("acme", refused.owner());
        assertEquals(2, refused.limit());
        assertFalse(store.submit(first, T0.plusSeconds(1), 100).created(), "an idempotent repeat still answers");
        assertTrue(store.submit(job("other", "4", two), T0.plusSeconds(1), 100).created(), "the quota is per tenant");
        assertEquals("acme", claimedOwner(T0.plusSeconds(1)));
        assertTrue(store.submit(job("acme", "5", two), T0, 100).created(), "a running job no longer counts as queued");
        assertEquals(3, store.countQueued());
    }

    @Test
    void a_tenant_alone_at_the_capacity_hears_of_its_quota_and_others_of_the_full_queue() {
        JobQuota two = new JobQuota(2, 2, 1);
        store.submit(job("acme", "1", two), T0, 2);
        store.submit(job("acme", "2", two), T0, 2);
        assertThrows(QuotaExceededException.class, () -> store.submit(job("acme", "3", two), T0, 2));
        assertThrows(QueueFullException.class, () -> store.submit(job("other", "4", two), T0, 2));
        assertThrows(QueueFullException.class, () -> store.submit(job("local", "5"), T0, 2));
    }

    @Test
    void unlimited_jobs_of_one_tenant_are_claimed_oldest_first_as_before() {
        List<JobId> submitted = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            submitted.add(submitted(job("local", "h" + i), T0.plusSeconds((i * 7) % 12))
                    .id());
        }
        List<JobId> expected = submitted.stream()
                .sorted(java.util.Comparator.comparing(
                        id -> store.find(id).orElseThrow().createdAt()))
                .toList();
        List<JobId> claimed = new ArrayList<>();
        Optional<Job> next;
        while ((next = store.claim("w1", KINDS, T0.plusSeconds(20), LEASE)).isPresent()) {
            claimed.add(next.get().id());
        }
        assertEquals(expected, claimed, "no running quota, and the oldest first");
    }

    @Test
    void a_tenant_at_its_running_quota_waits_while_others_are_served() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ranksTenants(), "claims in order");
        for (int i = 0; i < 5; i++) {
            submitted(job("acme", "a" + i, PRO), T0.plusMillis(i));
        }
        Job first = store.claim("w1", KINDS, T0.plusSeconds(1), LEASE).orElseThrow();
        store.claim("w2", KINDS, T0.plusSeconds(1), LEASE).orElseThrow();
        assertTrue(store.claim("w3", KINDS, T0.plusSeconds(1), LEASE).isEmpty(), "acme runs its 2 jobs already");
        Job late = submitted(job("bob", "b", PRO), T0.plusSeconds(2));
        assertEquals(
                late.id(),
                store.claim("w3", KINDS, T0.plusSeconds(3), LEASE).orElseThrow().id());
        assertTrue(store.complete(first.id(), "w1", result(), T0.plusSeconds(4), T0.plusSeconds(99)));
        Job third = store.claim("w1", KINDS, T0.plusSeconds(4), LEASE).orElseThrow();
        assertEquals("acme", third.owner());
        assertEquals(T0.plusMillis(2), third.createdAt(), "the tenant's oldest waiting job");
    }

    @Test
    void a_job_of_tenant_b_goes_before_the_500_queued_jobs_of_tenant_a_once_a_worker_frees_up() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ranksTenants(), "claims in order");
        JobQuota roomy = new JobQuota(1000, 8, 1); // a is under its running quota: only the order can help b
        for (int i = 0; i < 500; i++) {
            store.submit(job("a", "a" + i, roomy), T0.plusMillis(i), 1000);
        }
        Job running = store.claim("w1", KINDS, T0.plusSeconds(1), LEASE).orElseThrow();
        store.claim("w2", KINDS, T0.plusSeconds(1), LEASE).orElseThrow();
        Job b = store.submit(job("b", "b", roomy), T0.plusSeconds(2), 1000).job();
        assertTrue(store.complete(running.id(), "w1", result(), T0.plusSeconds(3), T0.plusSeconds(99)));
        assertEquals(
                b.id(),
                store.claim("w1", KINDS, T0.plusSeconds(3), LEASE).orElseThrow().id(),
                "b runs no job, a runs one: b first");
        assertEquals("a", claimedOwner(T0.plusSeconds(3)), "then a again: b has nothing left");
    }

    @Test
    void pro_plus_goes_first_then_tenants_share_by_weight_so_no_queue_waits_for_another_to_empty() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ranksTenants(), "claims in order");
        submitted(job("local", "l"), T0.minusSeconds(10));
        for (int i = 0; i < 3; i++) {
            submitted(job("pro", "p" + i, PRO), T0.plusMillis(i));
        }
        for (int i = 0; i < 2; i++) {
            submitted(job("plus", "q" + i, PRO_PLUS), T0.plusSeconds(1).plusMillis(i));
        }
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add(claimedOwner(T0.plusSeconds(2)));
        }
        assertEquals(
                List.of("plus", "pro", "local", "plus", "pro", "none"),
                order,
                "pro_plus first, then by running jobs per weight (priority + 1); pro stops at its quota of 2");
    }

    @Test
    void among_tenants_of_one_priority_the_one_running_fewer_goes_first_then_the_older_waiting() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ranksTenants(), "claims in order");
        submitted(job("a", "a0", PRO_PLUS), T0);
        submitted(job("a", "a1", PRO_PLUS), T0.plusMillis(1));
        submitted(job("b", "b0", PRO_PLUS), T0.plusMillis(2));
        submitted(job("c", "c0", PRO_PLUS), T0.plusMillis(3));
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            order.add(claimedOwner(T0.plusSeconds(1)));
        }
        assertEquals(List.of("a", "b", "c", "a"), order);
    }

    @Test
    void an_abandoned_job_is_taken_over_before_queued_ones_and_within_its_tenants_running_quota() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ranksTenants(), "claims in order");
        JobQuota one = new JobQuota(100, 1, 1);
        Job abandoned = submitted(job("acme", "1", one), T0);
        submitted(job("acme", "2", one), T0.plusMillis(1));
        submitted(job("bob", "3", one), T0.plusMillis(2));
        store.claim("w1", KINDS, T0.plusSeconds(1), LEASE).orElseThrow(); // w1 then dies
        Instant late = T0.plusSeconds(1).plus(LEASE).plusSeconds(1);
        Job taken = store.claim("w2", KINDS, late, LEASE).orElseThrow();
        assertEquals(abandoned.id(), taken.id());
        assertEquals(2, taken.attempts());
        assertEquals("bob", claimedOwner(late), "acme's second job waits: acme runs its one job");
        assertEquals("none", claimedOwner(late));
    }

    @Test
    void concurrent_claims_never_pass_a_tenants_running_quota() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ranksTenants(), "claims in order");
        JobQuota three = new JobQuota(100, 3, 1);
        for (int i = 0; i < 20; i++) {
            submitted(job("pro", "p" + i, PRO), T0.plusMillis(i));
            submitted(job("three", "t" + i, three), T0.plusMillis(i));
        }
        for (int i = 0; i < 10; i++) {
            submitted(job("local", "l" + i), T0.plusMillis(i));
        }
        int workers = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(workers);
        ConcurrentLinkedQueue<Job> claimed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String worker = "w" + w;
            futures.add(pool.submit(() -> {
                start.await();
                Optional<Job> next;
                while ((next = store.claim(worker, KINDS, T0.plusSeconds(1), LEASE)).isPresent()) {
                    claimed.add(next.get());
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        java.util.Map<String, Long> byOwner = claimed.stream()
                .collect(java.util.stream.Collectors.groupingBy(Job::owner, java.util.stream.Collectors.counting()));
        assertEquals(java.util.Map.of("pro", 2L, "three", 3L, "local", 10L), byOwner);
        assertEquals(claimed.size(), new HashSet<>(claimed.stream().map(Job::id).toList()).size());
    }

    @Test
    void concurrent_submits_never_pass_a_tenants_queued_quota() throws Exception {
        JobQuota five = new JobQuota(5, 2, 1);
        int threads = 8;
        for (int round = 0; round < 10; round++) {
            String owner = "t" + round;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                NewJob next = job(owner, owner + "-" + i, five);
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return store.submit(next, T0, 10_000).created();
                    } catch (QuotaExceededException refused) {
                        return false;
                    }
                }));
            }
            int queued = 0;
            for (Future<Boolean> future : futures) {
                queued += future.get() ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(5, queued, "round " + round + ": eight at once against a quota of five");
        }
    }

    private static JobResult result() {
        return new JobResult(1234, "ab".repeat(32), "application/x-hdf5", "exports/x.h5");
    }
}
