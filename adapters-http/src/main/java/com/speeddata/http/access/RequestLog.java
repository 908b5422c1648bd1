package com.speeddata.http.access;

import com.speeddata.http.Callers;
import com.speeddata.jobs.access.Caller;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Multi-user mode's access log: one line per answered request with method, path, status, time, and who called
 * (tenant and key id, never the key). Single-user mode keeps none: on a laptop it would cost a sixth of the
 * throughput of small requests (2 cores, measured with {@code scripts/bench-auth}) for lines nobody reads.
 * Refused keys (401) are left to {@link AuthFailureLog}, which summarises them, so a flood of bad keys cannot flood
 * the log. Lines are handed to a writer thread: a request never waits for the console (writing in the request
 * doubled the p99 latency of {@code /v1/score} at 32 connections, all requests queueing on one stream's lock). When
 * the writer falls behind by {@link #BACKLOG} lines, further lines are counted, not kept, and the count is logged.
 * Turn it off with the logger level of {@code com.speeddata.http.access.RequestLog}.
 */
public final class RequestLog {
    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);
    static final int BACKLOG = 10_000;
    private static final BlockingQueue<String> LINES = new ArrayBlockingQueue<>(BACKLOG);
    private static final AtomicLong DROPPED = new AtomicLong();

    static {
        Thread writer = new Thread(RequestLog::write, "request-log");
        writer.setDaemon(true);
        writer.start();
    }

    private RequestLog() {
    }

    public static void log(Context ctx, Float millis) {
        if (!log.isInfoEnabled() || ctx.statusCode() == 401) {
            return;
        }
        Caller caller = ctx.attribute(Callers.ATTRIBUTE);
        String line = ctx.method() + " " + ctx.path() + " " + ctx.statusCode() + " " + Math.round(millis)
                + " ms tenant=" + (caller == null ? "-" : caller.tenant())
                + " key=" + (caller == null || caller.keyId() == null ? "-" : caller.keyId());
        if (!LINES.offer(line)) {
            DROPPED.incrementAndGet();
        }
    }

    private static void write() {
        while (true) {
            try {
                log.info(LINES.take());
                long dropped = DROPPED.getAndSet(0);
                if (dropped > 0) {
                    log.warn("{} request log lines dropped: the log could not keep up", dropped);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a failing log stream must not end the writer; nothing better to tell it to
            }
        }
    }
}
