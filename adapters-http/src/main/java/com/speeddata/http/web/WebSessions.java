package com.speeddata.http.web;

import com.speeddata.http.problem.Problem;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.jobs.access.ApiKeys;
import com.speeddata.jobs.access.Caller;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web page's sessions in multi-user mode: a key is presented once ({@link SessionRoutes}) and the browser keeps
 * only a random session id in an HttpOnly, SameSite=Strict cookie; the session stands for the key's caller, so a
 * tenant sees through the page exactly what its key may see. Every state-changing request made with the cookie must
 * carry the session's CSRF token in {@value #CSRF_HEADER}, and requests another site started
 * ({@code Sec-Fetch-Site: cross-site} or {@code same-site}) are refused whatever they carry.
 *
 * <p>Sessions live in this instance's memory: behind a load balancer the page needs sticky sessions (or logs in
 * again). A session ends at logout, after {@link #IDLE} unused, after {@link #LIFETIME}, or as soon as its key is
 * revoked or expires (checked on every request, as a key is).
 */
public final class WebSessions {
    public static final String COOKIE = "sd_session";
    /**
     * The cookie's name behind https: the {@code __Host-} prefix makes browsers refuse it unless it is Secure, has
     * Path=/ and no Domain, so a sibling subdomain cannot plant a session of its own choosing.
     */
    public static final String SECURE_COOKIE = "__Host-" + COOKIE;

    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final Duration IDLE = Duration.ofHours(1);
    static final Duration LIFETIME = Duration.ofHours(12);
    /** Logins beyond this many live sessions of one key end its oldest, so no key can fill the memory with them. */
    static final int MAX_PER_KEY = 20;

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private final ApiKeys keys;
    private final Clock clock;
    private final boolean secureCookie;
    private final String cookieName;
    private final SecureRandom random = new SecureRandom();
    /** By the SHA-256 of the session id, so the map never holds what the cookie carries. */
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /**
     * @param keys         null in single-user mode, where there are no sessions
     * @param secureCookie mark the cookie {@code Secure} (the public URL is https)
     */
    public WebSessions(ApiKeys keys, Clock clock, boolean secureCookie) {
        this.keys = keys;
        this.clock = clock;
        this.secureCookie = secureCookie;
        this.cookieName = secureCookie ? SECURE_COOKIE : COOKIE;
    }

    record Session(Caller caller, String csrfToken, Instant created, Instant lastUsed) {}

    public boolean multiUser() {
        return keys != null;
    }

    /** Logs in with a key: the new session's CSRF token and caller, or empty for a key that does not authenticate. */
    Optional<Session> open(String key, Context ctx) {
        refuseOtherSites(ctx);
        // A login ends the session the browser had: no orphan left counting against its key's limit.
        current(ctx).ifPresent(entry -> sessions.remove(entry.getKey()));
        Optional<Caller> caller = keys.authenticate(key);
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        dropStale();
        dropOldestBeyond(MAX_PER_KEY - 1, caller.get().keyId());
        String id = token();
        Instant now = clock.instant();
        Session session = new Session(caller.get(), token(), now, now);
        sessions.put(hash(id), session);
        ctx.header("Set-Cookie", cookie(id, false));
        return Optional.of(session);
    }

    /** Ends the cookie's session, if any (the CSRF token must come with it); always clears the cookie. */
    void close(Context ctx) {
        current(ctx).ifPresent(entry -> {
            requireCsrfToken(ctx, entry.getValue());
            sessions.remove(entry.getKey());
        });
        ctx.header("Set-Cookie", cookie("", true));
    }

    /** The session the request's cookie names, while it lasts and its key is usable. */
    Optional<Session> session(Context ctx) {
        return current(ctx).map(Map.Entry::getValue);
    }

    /**
     * The caller of a request that came with the session cookie and no {@code Authorization} header, checking the
     * site it came from and, on a state-changing method, the CSRF token; empty when the cookie names no session.
     */
    public Optional<Caller> caller(Context ctx) {
        if (keys == null || ctx.cookie(cookieName) == null) {
            return Optional.empty();
        }
        Optional<Map.Entry<String, Session>> entry = current(ctx);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        refuseOtherSites(ctx);
        if (!SAFE_METHODS.contains(ctx.method().name())) {
            requireCsrfToken(ctx, entry.get().getValue());
        }
        return Optional.of(entry.get().getValue().caller());
    }

    private Optional<Map.Entry<String, Session>> current(Context ctx) {
        String id = ctx.cookie(cookieName);
        if (keys == null || id == null || id.isEmpty()) {
            return Optional.empty();
        }
        String hash = hash(id);
        Session session = sessions.get(hash);
        Instant now = clock.instant();
        if (session == null) {
            return Optional.empty();
        }
        if (stale(session, now) || !keys.usable(session.caller().keyId())) {
            sessions.remove(hash);
            return Optional.empty();
        }
        Session used = new Session(session.caller(), session.csrfToken(), session.created(), now);
        sessions.replace(hash, session, used);
        return Optional.of(Map.entry(hash, used));
    }

    private static boolean stale(Session session, Instant now) {
        return !now.isBefore(session.lastUsed().plus(IDLE))
                || !now.isBefore(session.created().plus(LIFETIME));
    }

    private void dropStale() {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> stale(session, now));
    }

    private void dropOldestBeyond(int keep, String keyId) {
        sessions.entrySet().stream()
                .filter(e -> e.getValue().caller().keyId().equals(keyId))
                .sorted(Comparator.comparing(
                                (Map.Entry<String, Session> e) -> e.getValue().created())
                        .reversed())
                .skip(keep)
                .forEach(e -> sessions.remove(e.getKey(), e.getValue()));
    }

    /** Browsers say which site started a request; anything but this origin (or the user typing a URL) is refused. */
    private static void refuseOtherSites(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !OWN_SITE.contains(site)) {
            throw csrf("requests started by another site are refused");
        }
    }

    private static void requireCsrfToken(Context ctx, Session session) {
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null
                || !MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.UTF_8),
                        session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw csrf("a state-changing request with the session cookie needs the session's " + CSRF_HEADER
                    + " header (GET /web/session gives it)");
        }
    }

    private static ProblemException csrf(String detail) {
        return new ProblemException(Problem.of(403, "CSRF_FAILED", "Cross-site request refused", detail));
    }

    private String cookie(String value, boolean expire) {
        return cookieName + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "")
                + (expire ? "; Max-Age=0" : "");
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String hash(String id) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
