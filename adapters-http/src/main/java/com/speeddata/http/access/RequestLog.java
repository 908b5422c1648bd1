package com.speeddata.http.access;

import com.speeddata.http.Callers;
import com.speeddata.jobs.access.Caller;
import io.javalin.http.Context;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multi-user mode's access log: one line per answered request with method, path, status, time, and who called
 * (tenant and key id, never the key), on standard error beside the service log. Refused keys (401) are left to
 * {@link AuthFailureLog}, which summarises them, so a flood of bad keys cannot flood the log.
 *
 * <p>Like Jetty's and nginx's access logs it has a writer of its own: a request only queues its line (lock-free),
 * and a thread wakes every {@link #WRITE_EVERY_MILLIS} ms to write whatever has queued in one buffered write.
 * Logging each line through SLF4J (one synchronized, flushed write per request) cost multi-user mode a third of
 * its {@code /v1/score} throughput on 2 cores ({@code scripts/bench-auth}); a blocking queue whose writer woke
 * for each line still cost 27 µs of CPU a request in thread wake-ups. Single-user mode keeps no access log at all.
 * When the writer falls behind by {@link #BACKLOG} lines, further lines are counted, not kept, and the count is
 * written. Turn it off with the logger level of {@code com.speeddata.http.access.RequestLog}.
 */
public final class RequestLog {
    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);
    static final int BACKLOG = 10_000;
    static final long WRITE_EVERY_MILLIS = 20;
    private static final Queue<String> LINES = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger QUEUED = new AtomicInteger();
    private static final AtomicLong DROPPED = new AtomicLong();
    /** The service log's time stamp (simplelogger.properties), so both logs read alike. */
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    static {
        Thread writer = new Thread(RequestLog::write, "request-log");
        writer.setDaemon(true);
        writer.start();
    }

    private RequestLog() {}

    public static void log(Context ctx, Float millis) {
        if (!log.isInfoEnabled() || ctx.statusCode() == 401) {
            return;
        }
        Caller caller = ctx.attribute(Callers.ATTRIBUTE);
        String line = ctx.method() + " " + ctx.path() + " " + ctx.statusCode() + " " + Math.round(millis)
                + " ms tenant=" + (caller == null ? "-" : caller.tenant())
                + " key=" + (caller == null || caller.keyId() == null ? "-" : caller.keyId());
        if (QUEUED.incrementAndGet() > BACKLOG) {
            QUEUED.decrementAndGet();
            DROPPED.incrementAndGet();
        } else {
            LINES.add(line);
        }
    }

    private static void write() {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.err), false, StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        while (true) {
            try {
                Thread.sleep(WRITE_EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            String stamp = STAMP.format(Instant.now());
            for (String line; (line = LINES.poll()) != null; ) {
                QUEUED.decrementAndGet();
                text.append(stamp).append(" INFO RequestLog - ").append(line).append('\n');
            }
            long dropped = DROPPED.getAndSet(0);
            if (dropped > 0) {
                text.append(stamp)
                        .append(" WARN RequestLog - ")
                        .append(dropped)
                        .append(" request log lines dropped: the log could not keep up\n");
            }
            if (!text.isEmpty()) {
                out.print(text);
                out.flush();
                text.setLength(0);
            }
        }
    }
}
