package com.speeddata.storage.jobs;

import com.speeddata.jobs.JobWakeup;
import com.speeddata.jobs.LocalWakeup;
import com.speeddata.storage.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the workers of every instance sharing one PostgreSQL when a job is queued anywhere: LISTEN on one
 * held connection for the NOTIFY that {@link JdbcJobStore} sends in each submitting transaction (delivered on
 * commit). If the listening connection breaks it reconnects; meanwhile the workers' polling still finds every job.
 */
public final class PostgresWakeup implements JobWakeup {
    static final String CHANNEL = "speeddata_jobs";
    private static final Logger log = LoggerFactory.getLogger(PostgresWakeup.class);
    private static final int LISTEN_TIMEOUT_MS = 500;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);

    private final Database database;
    private final LocalWakeup local = new LocalWakeup();
    private final Thread listener;
    private final java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean closed;

    public PostgresWakeup(Database database) {
        this.database = database;
        this.listener = new Thread(this::listen, "job-listen");
        listener.setDaemon(true);
        listener.start();
    }

    /** Wakes this instance's workers; the others hear of the job from the NOTIFY its submission committed. */
    @Override
    public void signal() {
        local.signal();
    }

    @Override
    public void await(Duration max) throws InterruptedException {
        local.await(max);
    }

    /** For tests: waits until the first LISTEN is in place. */
    boolean awaitListening(Duration max) throws InterruptedException {
        return listening.await(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void listen() {
        while (!closed) {
            try (Connection connection = database.workerDataSource().getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                listening.countDown();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(LISTEN_TIMEOUT_MS);
                    if (notifications != null && notifications.length > 0) {
                        local.signalFromElsewhere();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    log.warn("job LISTEN connection lost ({}); reconnecting in {}", e.toString(), RECONNECT_PAUSE);
                    sleep();
                }
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        local.close();
        listener.interrupt();
        try {
            listener.join(LISTEN_TIMEOUT_MS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
