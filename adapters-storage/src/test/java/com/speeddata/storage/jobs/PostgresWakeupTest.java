package com.speeddata.storage.jobs;

import com.speeddata.jobs.JobId;
import com.speeddata.jobs.NewJob;
import com.speeddata.storage.Database;
import com.speeddata.storage.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresWakeupTest {
    @Test
    void a_submission_in_one_instance_wakes_the_workers_of_another() throws Exception {
        try (TestDatabase database = TestDatabase.postgres();
             Database otherInstance = Database.open(database.url(), null);
             PostgresWakeup wakeup = new PostgresWakeup(otherInstance)) {
            assertTrue(wakeup.awaitListening(Duration.ofSeconds(10)));
            new JdbcJobStore(database.database()).submit(new NewJob(JobId.random(), "export", "a", "h", "{}", 1),
                    Instant.now(), 10);
            long started = System.nanoTime();
            wakeup.await(Duration.ofSeconds(30));
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(20).toNanos(),
                    "woken by NOTIFY, not by the 30 s timeout");
        }
    }
}
