package com.speeddata.http;

import io.javalin.http.Context;
import io.javalin.websocket.WsContext;

/** Who is calling: the owner every job, event and download belongs to. */
public final class Callers {
    /** The one owner of single-user mode. */
    public static final String LOCAL_OWNER = "local";
    /** Where an authentication filter puts the key's owner; unset in single-user mode, the only mode so far. */
    static final String OWNER_ATTRIBUTE = "speeddata.owner";

    private Callers() {
    }

    public static String owner(Context ctx) {
        String owner = ctx.attribute(OWNER_ATTRIBUTE);
        return owner == null ? LOCAL_OWNER : owner;
    }

    public static String owner(WsContext ctx) {
        String owner = ctx.attribute(OWNER_ATTRIBUTE);
        return owner == null ? LOCAL_OWNER : owner;
    }
}
