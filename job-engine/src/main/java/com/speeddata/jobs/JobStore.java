package com.speeddata.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Out-port: the job table, shared by every server instance. Each state change is one atomic conditional update,
 * so that two workers can never both own a job: a method that changes a job returns false (or LOST) when the
 * job was not in the expected state or not leased by the given worker.
 */
public interface JobStore {

    /**
     * Inserts the job as QUEUED unless a job with its id exists: then returns that job if the request hash
     * matches and throws {@link JobIdConflictException} if not. Throws {@link QuotaExceededException} when the
     * owner already has {@link JobQuota#maxQueued} jobs queued, else {@link QueueFullException} when
     * {@code queueCapacity} jobs (of all owners) are already queued. Both counts are taken when the submit runs:
     * submits racing each other may together pass a limit by as many jobs as race.
     */
    Submission submit(NewJob job, Instant now, int queueCapacity);

    /**
     * Inserts a job that is already running on {@code workerId}, leased until {@code now + lease}: work that began
     * outside the queue (an inline export that outgrew its timeout) and continues as a job.
     */
    Job adopt(NewJob job, String workerId, Instant now, Duration lease);

    /** Any job by id: for the engine itself and for operators (admin keys). */
    Optional<Job> find(JobId id);

    /** The owner's job with this id; another owner's job is empty, exactly like one that does not exist. */
    Optional<Job> find(String owner, JobId id);

    /** A page of the owner's jobs, as {@link JobListing} says. */
    List<Job> list(JobListing listing);

    /**
     * Takes a runnable job of one of the kinds. The job becomes RUNNING, leased to the worker until
     * {@code now + lease}, with one more attempt counted. Never hands one job to two workers. In this order:
     * <ol>
     * <li>a RUNNING job with an expired lease, attempts left and no cancellation requested (its worker died), the
     *     longest expired first: it already counts against its owner's running quota, so taking it over never
     *     passes the quota, and it is the oldest work;</li>
     * <li>else a QUEUED job with {@code runAfter <= now} of an owner running fewer than its
     *     {@link JobQuota#maxRunning} jobs (RUNNING rows of every kind and instance, expired leases included):
     *     among such owners the highest {@link JobQuota#priority} first, then the owner running the fewest jobs,
     *     then the owner whose next job became runnable first; of that owner, its next job, by
     *     {@code (runAfter, createdAt)}. An owner's priority and quota are those of that next job.</li>
     * </ol>
     * The running quota holds under concurrent claims on every instance; the order across owners is best effort
     * under contention (a claim racing another may take the second-best owner rather than wait).
     */
    Optional<Job> claim(String workerId, Set<String> kinds, Instant now, Duration lease);

    /** Extends the lease and stores the progress; says whether the lease is still held and if cancel was asked. */
    LeaseState renew(JobId id, String workerId, Instant leaseExpiresAt, Progress progress);

    boolean complete(JobId id, String workerId, JobResult result, Instant now, Instant expiresAt);

    boolean fail(JobId id, String workerId, JobError error, Instant now);

    /** Puts a failed attempt back in the queue, to run again not before {@code runAfter}. */
    boolean retry(JobId id, String workerId, JobError error, Instant runAfter);

    /** The worker confirms that it stopped a job whose cancellation was requested. */
    boolean markCancelled(JobId id, String workerId, Instant now);

    /**
     * Cancels a QUEUED job at once; asks a RUNNING one to stop (its worker sees it at the next renewal);
     * leaves a finished job as it is. Returns the job as it is after the call.
     */
    Optional<Job> requestCancel(JobId id, Instant now);

    /**
     * RUNNING jobs whose lease expired and that cannot run again: with a cancellation requested they become
     * CANCELLED, with no attempts left FAILED (code {@code WORKER_LOST}). Returns how many changed.
     */
    int reapAbandoned(Instant now);

    /**
     * A COMPLETED job becomes EXPIRED now, whatever its expiry time (its owner deleted the result); a job in any
     * other state is left as it is. Returns the job as it is after the call, its result (and so the file's location)
     * kept, so that the caller can delete the file.
     */
    Optional<Job> discardResult(JobId id);

    /** COMPLETED jobs whose result expired become EXPIRED; returns them so their files can be deleted. */
    List<Job> expire(Instant now);

    long countQueued();

    /** How many jobs the table holds in each status (absent statuses count 0), for monitoring. */
    java.util.Map<JobStatus, Long> countByStatus();
}
