package com.speeddata.http.access;

import com.speeddata.http.Callers;
import com.speeddata.http.JsonResponses;
import com.speeddata.http.problem.Problem;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.http.web.SessionRoutes;
import com.speeddata.http.web.WebAssets;
import com.speeddata.http.web.WebSessions;
import com.speeddata.jobs.access.ApiKeys;
import com.speeddata.jobs.access.Caller;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts the {@link Caller} on every request before its route runs. Single-user mode: always {@link Caller#LOCAL}.
 * Multi-user mode: the caller of the one {@code Authorization: Bearer <key>} header, or 401 {@code UNAUTHENTICATED}
 * with the same body whatever was wrong (missing, malformed, unknown, revoked, expired), so a caller learns nothing
 * about which keys exist. WebSocket handshakes may instead carry a single-use {@code ?ticket=} ({@link ApiKeys}).
 * {@code /health} and {@code /ready} stay open for load balancers and orchestrators, and the web page and its login
 * ({@link WebAssets}, {@link SessionRoutes}) for browsers, whose other requests may carry a session cookie instead of
 * the header ({@link WebSessions}; never on a WebSocket, which takes a ticket).
 */
public final class Authentication {
    private static final Set<String> OPEN_PATHS = Set.of("/health", "/ready");
    private static final String KEY_PREFIX = "sd_";

    private final ApiKeys keys;
    private final AuthFailureLog failures;
    private final WebSessions sessions;

    /** @param keys null in single-user mode */
    public Authentication(ApiKeys keys, Clock clock) {
        this(keys, new WebSessions(keys, clock, false), clock);
    }

    /** @param keys null in single-user mode */
    public Authentication(ApiKeys keys, WebSessions sessions, Clock clock) {
        this.keys = keys;
        this.sessions = sessions;
        this.failures = new AuthFailureLog(clock);
    }

    /** The before-handler of every HTTP request. */
    public void authenticate(Context ctx) {
        authenticate(ctx, true);
    }

    private void authenticate(Context ctx, boolean sessionAllowed) {
        refuseKeyInUrl(ctx);
        String path = withoutTrailingSlash(ctx.path());
        if (keys == null) {
            ctx.attribute(Callers.ATTRIBUTE, Caller.LOCAL);
        } else if (!OPEN_PATHS.contains(path) && !WebAssets.serves(path) && !path.equals(SessionRoutes.PATH)) {
            Optional<Caller> caller =
                    sessionAllowed && ctx.header("Authorization") == null ? sessions.caller(ctx) : bearer(ctx);
            ctx.attribute(Callers.ATTRIBUTE, caller.orElseThrow(() -> refuse(ctx)));
        }
    }

    /** Javalin serves {@code /health/} as {@code /health}; the open paths must match alike. */
    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The before-upgrade handler of every WebSocket: as {@link #authenticate}, or with a stream ticket. */
    public void authenticateUpgrade(Context ctx) {
        refuseKeyInUrl(ctx);
        String ticket = ctx.queryParam("ticket");
        if (keys != null && ticket != null && ctx.header("Authorization") == null) {
            ctx.attribute(Callers.ATTRIBUTE, keys.redeemTicket(ticket).orElseThrow(() -> refuse(ctx)));
            return;
        }
        authenticate(ctx, false);
    }

    /** {@code POST /api/v1/stream-tickets}: a ticket for one WebSocket of the caller's, for browsers. */
    public void issueTicket(Context ctx) {
        Caller caller = Callers.caller(ctx);
        if (keys == null) {
            throw ProblemException.badRequest("NOT_NEEDED", "single-user mode needs no ticket: connect directly");
        }
        JsonResponses.send(
                ctx.status(201),
                Map.of("ticket", keys.issueTicket(caller), "expires_in", ApiKeys.TICKET_LIFETIME.toSeconds()));
    }

    private Optional<Caller> bearer(Context ctx) {
        List<String> headers = Collections.list(ctx.req().getHeaders("Authorization"));
        if (headers.size() != 1) {
            return Optional.empty(); // none, or two that may disagree: trust neither
        }
        String header = headers.get(0);
        int space = header.indexOf(' ');
        if (space != "bearer".length() || !header.regionMatches(true, 0, "bearer", 0, space)) {
            return Optional.empty();
        }
        return keys.authenticate(header.substring(space + 1).strip());
    }

    /** The 401 for a request whose credentials did not authenticate, logged as a refused attempt. */
    public ProblemException refuse(Context ctx) {
        failures.refused(ctx.method().name(), ctx.path(), ctx.ip());
        return unauthenticated();
    }

    private static ProblemException unauthenticated() {
        return new ProblemException(
                Problem.of(
                        401,
                        "UNAUTHENTICATED",
                        "Unauthenticated",
                        "a valid API key is needed: send it as 'Authorization: Bearer <key>'"),
                Map.of("WWW-Authenticate", "Bearer realm=\"speeddata\""));
    }

    /**
     * A key in a query string ends up in access logs, proxies and browser history: refuse the request whatever
     * the key is (so this says nothing about it) and tell the caller to revoke it.
     */
    private static void refuseKeyInUrl(Context ctx) {
        String query = ctx.queryString();
        if (query != null
                && java.util.Arrays.stream(query.split("&"))
                        .map(Authentication::decodedValue)
                        .anyMatch(value -> value.strip()
                                .toLowerCase(Locale.ROOT)
                                .replaceFirst("^bearer\\s+", "")
                                .startsWith(KEY_PREFIX))) {
            throw ProblemException.badRequest(
                    "KEY_IN_URL",
                    "API keys are never accepted in a URL, where logs and "
                            + "browser history keep them; send 'Authorization: Bearer <key>', and revoke the key you sent");
        }
    }

    /** The value of one {@code name=value} pair, percent-decoded; as sent when it cannot be decoded. */
    private static String decodedValue(String pair) {
        String value = pair.substring(pair.indexOf('=') + 1);
        try {
            return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    /** 403 unless the caller may read operations data (admin keys; the one user of single-user mode). */
    public static void requireOperator(Context ctx) {
        forbidUnless(Callers.caller(ctx).operator());
    }

    /** 403 unless the caller holds an admin key: reading across tenants. */
    public static void requireAdmin(Context ctx) {
        forbidUnless(Callers.caller(ctx).admin());
    }

    private static void forbidUnless(boolean allowed) {
        if (!allowed) {
            throw new ProblemException(
                    Problem.of(403, "FORBIDDEN", "Forbidden", "this route is for admin keys (keys create --admin)"));
        }
    }
}
