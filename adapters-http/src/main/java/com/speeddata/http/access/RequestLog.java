package com.speeddata.http.access;

import com.speeddata.http.Callers;
import com.speeddata.jobs.access.Caller;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per answered request: method, path, status, time, and who called (tenant and key id, never the key).
 * Refused keys (401) are left to {@link AuthFailureLog}, which summarises them, so a flood of bad keys cannot flood
 * the log. Turn it off with the logger level of {@code com.speeddata.http.access.RequestLog}.
 */
public final class RequestLog {
    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);

    private RequestLog() {
    }

    public static void log(Context ctx, Float millis) {
        if (!log.isInfoEnabled() || ctx.statusCode() == 401) {
            return;
        }
        Caller caller = ctx.attribute(Callers.ATTRIBUTE);
        log.info("{} {} {} {} ms tenant={} key={}", ctx.method(), ctx.path(), ctx.statusCode(),
                Math.round(millis), caller == null ? "-" : caller.tenant(),
                caller == null || caller.keyId() == null ? "-" : caller.keyId());
    }
}
