package com.speeddata.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** The reference job store: a synchronized map. Every database adapter must behave like this. */
public final class InMemoryJobStore implements JobStore {
    private final Map<JobId, Job> jobs = new LinkedHashMap<>();
    /** Each job's quota as submitted; the stored {@link Job} does not show it. */
    private final Map<JobId, JobQuota> quotas = new HashMap<>();
    /** How many calls that end an attempt still fail, as with the database down ({@link #failReleases}). */
    private int releaseOutages;

    /** The next {@code calls} calls of complete, fail, retry and markCancelled throw, as a lost database would. */
    public synchronized void failReleases(int calls) {
        releaseOutages = calls;
    }

    private void releaseOutage() {
        if (releaseOutages > 0) {
            releaseOutages--;
            throw new IllegalStateException("the job store is unreachable (simulated outage)");
        }
    }

    @Override
    public synchronized Submission submit(NewJob job, Instant now, int queueCapacity) {
        Job existing = jobs.get(job.id());
        if (existing != null) {
            if (!existing.requestHash().equals(job.requestHash())
                    || !existing.owner().equals(job.owner())) {
                throw new JobIdConflictException(job.id());
            }
            return new Submission(existing, false);
        }
        JobQuota quota = job.quota();
        if (quota.limitsQueue(queueCapacity) && queuedOf(job.owner()) >= quota.maxQueued()) {
            throw new QuotaExceededException(job.owner(), quota.maxQueued());
        }
        if (countQueued() >= queueCapacity) {
            throw new QueueFullException(queueCapacity);
        }
        quotas.put(job.id(), quota);
        Job created = job.queuedAt(now);
        jobs.put(job.id(), created);
        return new Submission(created, true);
    }

    @Override
    public synchronized Job adopt(NewJob job, String workerId, Instant now, Duration lease) {
        if (jobs.containsKey(job.id())) {
            throw new JobIdConflictException(job.id());
        }
        quotas.put(job.id(), job.quota());
        return put(new Job(
                job.id(),
                job.kind(),
                job.owner(),
                job.requestHash(),
                job.payload(),
                JobStatus.RUNNING,
                Progress.NONE,
                1,
                job.maxAttempts(),
                now,
                now,
                null,
                now,
                workerId,
                now.plus(lease),
                false,
                null,
                null,
                null));
    }

    @Override
    public synchronized Optional<Job> find(String owner, JobId id) {
        return find(id).filter(job -> job.owner().equals(owner));
    }

    @Override
    public synchronized Optional<Job> find(JobId id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized List<Job> list(JobListing listing) {
        // Ids compare as their text, which orders them as the databases do (unsigned bytes).
        Comparator<Job> newestFirst = Comparator.comparing(Job::createdAt)
                .thenComparing(j -> j.id().toString())
                .reversed();
        return jobs.values().stream()
                .filter(j -> j.owner().equals(listing.owner()) && j.kind().equals(listing.kind()))
                .filter(j -> listing.status() == null || j.status() == listing.status())
                .filter(j -> listing.after() == null || isAfter(j, listing.after()))
                .sorted(newestFirst)
                .limit(listing.limit())
                .toList();
    }

    private static boolean isAfter(Job job, JobListing.Cursor cursor) {
        int byTime = job.createdAt().compareTo(cursor.createdAt());
        return byTime < 0
                || (byTime == 0 && job.id().toString().compareTo(cursor.id().toString()) < 0);
    }

    @Override
    public synchronized Optional<Job> claim(String workerId, Set<String> kinds, Instant now, Duration lease) {
        Optional<Job> abandoned = jobs.values().stream()
                .filter(j -> kinds.contains(j.kind())
                        && j.status() == JobStatus.RUNNING
                        && j.leaseExpiresAt().isBefore(now)
                        && j.attempts() < j.maxAttempts()
                        && !j.cancelRequested())
                .min(Comparator.comparing(Job::leaseExpiresAt));
        return abandoned
                .or(() -> nextQueued(kinds, now))
                .map(j -> put(with(j, JobStatus.RUNNING, b -> b.attempts(j.attempts() + 1)
                        .startedAt(j.startedAt() == null ? now : j.startedAt())
                        .leaseOwner(workerId)
                        .leaseExpiresAt(now.plus(lease)))));
    }

    /** The next job of each owner under its running quota; of those, the one {@link JobStore#claim} says. */
    private Optional<Job> nextQueued(Set<String> kinds, Instant now) {
        Map<String, Long> running = jobs.values().stream()
                .filter(j -> j.status() == JobStatus.RUNNING)
                .collect(Collectors.groupingBy(Job::owner, Collectors.counting()));
        Comparator<Job> oldest = Comparator.comparing(Job::runAfter).thenComparing(Job::createdAt);
        Collection<Job> nextOfEachOwner = jobs.values().stream()
                .filter(j -> j.status() == JobStatus.QUEUED
                        && kinds.contains(j.kind())
                        && !j.runAfter().isAfter(now))
                .collect(Collectors.toMap(Job::owner, j -> j, BinaryOperator.minBy(oldest)))
                .values();
        ToLongFunction<Job> runningOfOwner = j -> running.getOrDefault(j.owner(), 0L);
        return nextOfEachOwner.stream()
                .filter(j -> runningOfOwner.applyAsLong(j) < quotas.get(j.id()).maxRunning())
                .min(Comparator.comparingDouble((Job j) -> runningOfOwner.applyAsLong(j)
                                / (quotas.get(j.id()).priority() + 1.0))
                        .thenComparing(Comparator.comparingInt(
                                        (Job j) -> quotas.get(j.id()).priority())
                                .reversed())
                        .thenComparing(oldest));
    }

    private long queuedOf(String owner) {
        return jobs.values().stream()
                .filter(j -> j.status() == JobStatus.QUEUED && j.owner().equals(owner))
                .count();
    }

    @Override
    public synchronized LeaseState renew(JobId id, String workerId, Instant leaseExpiresAt, Progress progress) {
        Job job = jobs.get(id);
        if (!leasedBy(job, workerId)) {
            return LeaseState.LOST;
        }
        put(with(job, JobStatus.RUNNING, b -> b.leaseExpiresAt(leaseExpiresAt).progress(progress)));
        return job.cancelRequested() ? LeaseState.CANCEL_REQUESTED : LeaseState.HELD;
    }

    @Override
    public synchronized boolean complete(JobId id, String workerId, JobResult result, Instant now, Instant expiresAt) {
        return release(
                id,
                workerId,
                JobStatus.COMPLETED,
                job -> b -> b.finishedAt(now)
                        .result(result)
                        .expiresAt(expiresAt)
                        .progress(new Progress(
                                100,
                                "completed",
                                job.progress().done(),
                                job.progress().failed(),
                                job.progress().total())));
    }

    @Override
    public synchronized boolean fail(JobId id, String workerId, JobError error, Instant now) {
        return release(
                id, workerId, JobStatus.FAILED, job -> b -> b.finishedAt(now).error(error));
    }

    @Override
    public synchronized boolean retry(JobId id, String workerId, JobError error, Instant runAfter) {
        return release(
                id, workerId, JobStatus.QUEUED, job -> b -> b.runAfter(runAfter).error(error));
    }

    @Override
    public synchronized boolean markCancelled(JobId id, String workerId, Instant now) {
        return release(id, workerId, JobStatus.CANCELLED, job -> b -> b.finishedAt(now));
    }

    /**
     * The worker that holds the job's lease gives it back, moving the job to {@code status} with {@code change}
     * (made from the job as it stands); false, and nothing changed, when the lease is not that worker's.
     */
    private boolean release(
            JobId id, String workerId, JobStatus status, Function<Job, UnaryOperator<JobBuilder>> change) {
        releaseOutage();
        Job job = jobs.get(id);
        if (!leasedBy(job, workerId)) {
            return false;
        }
        UnaryOperator<JobBuilder> changed = change.apply(job);
        put(with(job, status, b -> changed.apply(b).leaseOwner(null).leaseExpiresAt(null)));
        return true;
    }

    @Override
    public synchronized Optional<Job> requestCancel(JobId id, Instant now) {
        Job job = jobs.get(id);
        if (job == null) {
            return Optional.empty();
        }
        return Optional.of(
                switch (job.status()) {
                    case QUEUED -> put(with(job, JobStatus.CANCELLED, b -> b.finishedAt(now)));
                    case RUNNING -> put(with(job, JobStatus.RUNNING, b -> b.cancelRequested(true)));
                    default -> job;
                });
    }

    @Override
    public synchronized int reapAbandoned(Instant now) {
        List<Job> abandoned = jobs.values().stream()
                .filter(j -> j.status() == JobStatus.RUNNING
                        && j.leaseExpiresAt().isBefore(now)
                        && (j.cancelRequested() || j.attempts() >= j.maxAttempts()))
                .toList();
        for (Job job : abandoned) {
            if (job.cancelRequested()) {
                put(with(job, JobStatus.CANCELLED, b -> b.finishedAt(now)
                        .leaseOwner(null)
                        .leaseExpiresAt(null)));
            } else {
                put(with(job, JobStatus.FAILED, b -> b.finishedAt(now)
                        .leaseOwner(null)
                        .leaseExpiresAt(null)
                        .error(new JobError(
                                "WORKER_LOST",
                                "the worker running this job stopped " + job.attempts() + " times; giving up"))));
            }
        }
        return abandoned.size();
    }

    @Override
    public synchronized List<Job> expire(Instant now) {
        List<Job> expired = jobs.values().stream()
                .filter(j -> j.status() == JobStatus.COMPLETED && !j.expiresAt().isAfter(now))
                .toList();
        return expired.stream()
                .map(j -> put(with(j, JobStatus.EXPIRED, b -> b)))
                .toList();
    }

    @Override
    public synchronized Optional<Job> discardResult(JobId id) {
        Job job = jobs.get(id);
        if (job != null && job.status() == JobStatus.COMPLETED) {
            job = put(with(job, JobStatus.EXPIRED, b -> b));
        }
        return Optional.ofNullable(job);
    }

    @Override
    public synchronized long countQueued() {
        return jobs.values().stream()
                .filter(j -> j.status() == JobStatus.QUEUED)
                .count();
    }

    @Override
    public synchronized Map<JobStatus, Long> countByStatus() {
        Map<JobStatus, Long> counts = new java.util.EnumMap<>(JobStatus.class);
        jobs.values().forEach(j -> counts.merge(j.status(), 1L, Long::sum));
        return counts;
    }

    private static boolean leasedBy(Job job, String workerId) {
        return job != null && job.status() == JobStatus.RUNNING && workerId.equals(job.leaseOwner());
    }

    private Job put(Job job) {
        jobs.put(job.id(), job);
        return job;
    }

    private static Job with(Job job, JobStatus status, UnaryOperator<JobBuilder> change) {
        if (status != job.status() && !job.status().canMoveTo(status)) {
            throw new IllegalStateException(job.status() + " → " + status + " is not allowed");
        }
        return change.apply(new JobBuilder(job)).status(status).build();
    }
}
