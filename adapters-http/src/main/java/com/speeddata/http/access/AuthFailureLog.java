package com.speeddata.http.access;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused keys without letting a flood of them flood the log: the first refusal at once, then at most one
 * line per {@link #PERIOD_MS} with the count since the last line. Never the key, only where the request went.
 */
final class AuthFailureLog {
    private static final Logger log = LoggerFactory.getLogger(AuthFailureLog.class);
    static final long PERIOD_MS = 10_000;

    private final Clock clock;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong lastLineAt = new AtomicLong(Long.MIN_VALUE);

    AuthFailureLog(Clock clock) {
        this.clock = clock;
    }

    void refused(String method, String path, String remote) {
        long count = unreported.incrementAndGet();
        long now = clock.millis();
        long last = lastLineAt.get();
        if ((last == Long.MIN_VALUE || now - last >= PERIOD_MS) && lastLineAt.compareAndSet(last, now)) {
            long reported = unreported.getAndSet(0);
            log.warn(
                    "refused {} request(s) without a valid API key{}; latest: {} {} from {}",
                    reported,
                    last == Long.MIN_VALUE ? "" : " in the last " + (now - last) / 1000 + " s",
                    method,
                    path,
                    remote);
        } else if (count < 0) {
            unreported.set(0); // unreachable in practice; keeps the counter from wrapping after 2^63 refusals
        }
    }
}
