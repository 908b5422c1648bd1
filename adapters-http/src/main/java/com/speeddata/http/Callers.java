package com.speeddata.http;

import com.speeddata.jobs.access.Caller;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;

/** Who is calling: the caller {@link com.speeddata.http.access.Authentication} put on the request. */
public final class Callers {
    /** Set on every request that reaches a route (single-user mode: {@link Caller#LOCAL}). */
    public static final String ATTRIBUTE = "speeddata.caller";

    private Callers() {}

    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            // Authentication runs before every route; a route reached without it is a wiring bug, not a guest.
            throw new IllegalStateException("no caller on " + ctx.method() + " " + ctx.path());
        }
        return caller;
    }

    public static Caller caller(WsContext ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no caller on the stream " + ctx.matchedPath());
        }
        return caller;
    }

    /** The tenant that owns what this request stores or reads. */
    public static String owner(Context ctx) {
        return caller(ctx).tenant();
    }

    public static String owner(WsContext ctx) {
        return caller(ctx).tenant();
    }
}
