package com.speeddata.storage.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobQuota;
import com.speeddata.jobs.NewJob;
import com.speeddata.storage.Database;
import com.speeddata.storage.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PostgresWakeupTest {
    @Test
    void a_submission_in_one_instance_wakes_the_workers_of_another() throws Exception {
        try (TestDatabase database = TestDatabase.postgres();
                Database otherInstance = Database.open(database.url(), null);
                PostgresWakeup wakeup = new PostgresWakeup(otherInstance)) {
            assertTrue(wakeup.awaitListening(Duration.ofSeconds(10)));
            new JdbcJobStore(database.database())
                    .submit(new NewJob(JobId.random(), "export", "a", "h", "{}", 1), Instant.now(), 10);
            long started = System.nanoTime();
            wakeup.await(Duration.ofSeconds(30));
            assertTrue(
                    System.nanoTime() - started < Duration.ofSeconds(20).toNanos(),
                    "woken by NOTIFY, not by the 30 s timeout");
        }
    }

    /**
     * Workers may idle beside queued jobs whose owners are at their running quota: a job of an owner with a quota
     * wakes them even when the queue is not empty. An unlimited owner's job does not (single-user mode's figures).
     */
    @Test
    void a_job_with_a_running_quota_wakes_other_instances_even_into_a_busy_queue() throws Exception {
        try (TestDatabase database = TestDatabase.postgres();
                Database otherInstance = Database.open(database.url(), null);
                PostgresWakeup wakeup = new PostgresWakeup(otherInstance)) {
            assertTrue(wakeup.awaitListening(Duration.ofSeconds(10)));
            JdbcJobStore store = new JdbcJobStore(database.database());
            store.submit(new NewJob(JobId.random(), "export", "a", "h", "{}", 1), Instant.now(), 10);
            wakeup.await(Duration.ofSeconds(30)); // the first job into an empty queue
            store.submit(new NewJob(JobId.random(), "export", "a", "h", "{}", 1), Instant.now(), 10);
            assertFalse(wokenWithin(wakeup, Duration.ofSeconds(2)), "an unlimited job into a busy queue: no NOTIFY");
            store.submit(
                    new NewJob(JobId.random(), "export", "b", "h", "{}", 1, new JobQuota(100, 2, 1)),
                    Instant.now(),
                    10);
            assertTrue(wokenWithin(wakeup, Duration.ofSeconds(20)), "woken by NOTIFY, not by the timeout");
        }
    }

    private static boolean wokenWithin(PostgresWakeup wakeup, Duration max) throws InterruptedException {
        long started = System.nanoTime();
        wakeup.await(max);
        return System.nanoTime() - started
                < max.toNanos() - Duration.ofMillis(100).toNanos();
    }
}
