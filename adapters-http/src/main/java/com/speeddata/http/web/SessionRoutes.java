package com.speeddata.http.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.http.Json;
import com.speeddata.http.JsonBodies;
import com.speeddata.http.JsonResponses;
import com.speeddata.http.access.Authentication;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.jobs.access.Caller;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * {@code /web/session}: how the web page learns the mode and logs in and out. {@code GET} answers the mode and, with
 * a live session, its tenant and CSRF token; {@code POST {"key": "sd_..."}} opens a session (201, cookie set);
 * {@code DELETE} ends it (204). Outside {@code /api} and {@code /v1}, so it needs no key; single-user mode has
 * nothing to log in to.
 */
public final class SessionRoutes {
    public static final String PATH = "/web/session";

    private final WebSessions sessions;
    private final Authentication authentication;

    public SessionRoutes(WebSessions sessions, Authentication authentication) {
        this.sessions = sessions;
        this.authentication = authentication;
    }

    public void register(Javalin app) {
        app.get(PATH, this::show);
        app.post(PATH, this::login);
        app.delete(PATH, this::logout);
    }

    private void show(Context ctx) {
        noStore(ctx);
        if (!sessions.multiUser()) {
            JsonResponses.send(
                    ctx, Json.MAPPER.createObjectNode().put("mode", "single").put("authenticated", true));
            return;
        }
        JsonResponses.send(ctx, sessions.session(ctx).map(this::describe).orElseGet(() -> Json.MAPPER
                .createObjectNode()
                .put("mode", "multi")
                .put("authenticated", false)));
    }

    private void login(Context ctx) {
        noStore(ctx);
        if (!sessions.multiUser()) {
            throw ProblemException.badRequest("NOT_NEEDED", "single-user mode needs no login");
        }
        ObjectNode body = JsonBodies.readObject(ctx);
        JsonNode key = body.get("key");
        if (key == null || !key.isTextual() || body.size() != 1) {
            throw ProblemException.badRequest(
                    "INVALID_REQUEST", "/key", "send {\"key\": \"<API key>\"} and nothing else");
        }
        // A refused key is logged like one sent in a header, so guessing through the page leaves the same trace.
        WebSessions.Session session = sessions.open(key.asText(), ctx).orElseThrow(() -> authentication.refuse(ctx));
        JsonResponses.send(ctx.status(201), describe(session));
    }

    private void logout(Context ctx) {
        noStore(ctx);
        if (sessions.multiUser()) {
            sessions.close(ctx);
        }
        ctx.status(204);
    }

    private ObjectNode describe(WebSessions.Session session) {
        Caller caller = session.caller();
        return Json.MAPPER
                .createObjectNode()
                .put("mode", "multi")
                .put("authenticated", true)
                .put("tenant", caller.tenant())
                .put("key_id", caller.keyId())
                .put("tier", caller.tier().name())
                .put("admin", caller.admin())
                .put("csrf_token", session.csrfToken());
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
    }
}
