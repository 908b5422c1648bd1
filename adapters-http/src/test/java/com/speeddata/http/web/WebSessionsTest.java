package com.speeddata.http.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.http.Callers;
import com.speeddata.http.HttpServer;
import com.speeddata.http.Json;
import com.speeddata.http.access.AccessSettings;
import com.speeddata.http.access.Authentication;
import com.speeddata.jobs.access.ApiKeys;
import com.speeddata.jobs.access.InMemoryApiKeyStore;
import com.speeddata.jobs.access.Tiers;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The page's session: cookie attributes, CSRF token and other-site checks, logout, expiry and revocation. */
class WebSessionsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-05T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final HttpClient client = HttpClient.newHttpClient();
    private ApiKeys keys;
    private HttpServer server;
    private String acmeKey;

    @BeforeEach
    void start() {
        keys = new ApiKeys(new InMemoryApiKeyStore(), Tiers.defaults(), clock);
        acmeKey = keys.create("acme", "pro", null, false, null).token().reveal();
        start(false);
    }

    /** @param secureCookie as behind an https public URL */
    private void start(boolean secureCookie) {
        WebSessions sessions = new WebSessions(keys, clock, secureCookie);
        Authentication authentication = new Authentication(keys, sessions, clock);
        Consumer<Javalin> whoami = app -> {
            app.get("/api/v1/whoami", ctx -> ctx.result(Callers.owner(ctx)));
            app.post("/api/v1/whoami", ctx -> ctx.result(Callers.owner(ctx)));
        };
        AccessSettings access = new AccessSettings(true, null, "127.0.0.1", () -> server.port());
        server = new HttpServer(
                        List.of(
                                whoami,
                                new WebAssets()::register,
                                new SessionRoutes(sessions, authentication)::register),
                        () -> true,
                        access,
                        authentication)
                .start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void the_page_and_its_assets_load_without_a_key_under_a_strict_policy() throws Exception {
        HttpResponse<String> page = send("GET", "/", null, Map.of());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script type=\"module\" src=\"/ui/js/main.js\">"));
        assertEquals(WebAssets.CONTENT_SECURITY_POLICY, header(page, "Content-Security-Policy"));
        assertTrue(header(page, "Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertEquals("nosniff", header(page, "X-Content-Type-Options"));
        assertEquals(
                "text/javascript; charset=utf-8",
                header(send("GET", "/ui/js/main.js", null, Map.of()), "Content-Type"));
        assertEquals(
                200, send("GET", "/ui/vendor/uplot/LICENSE", null, Map.of()).statusCode());
        for (String bad : List.of("/ui/js", "/ui/nope.js", "/ui/%2e%2e/pom.xml", "/ui/js/../index.html", "/ui/.x.js")) {
            HttpResponse<String> answer = send("GET", bad, null, Map.of());
            assertTrue(answer.statusCode() == 404 || answer.statusCode() == 400, bad + ": " + answer.statusCode());
            assertEquals("application/problem+json", header(answer, "Content-Type"), bad);
        }
    }

    @Test
    void a_key_opens_a_session_in_an_http_only_strict_cookie_and_state_changes_need_its_token() throws Exception {
        assertEquals(
                "{\"mode\":\"multi\",\"authenticated\":false}",
                send("GET", "/web/session", null, Map.of()).body());
        assertEquals(401, send("GET", "/api/v1/whoami", null, Map.of()).statusCode());
        assertEquals(
                401,
                send("POST", "/web/session", "{\"key\": \"sd_0123456789abcdef_" + "0".repeat(64) + "\"}", Map.of())
                        .statusCode());

        HttpResponse<String> login = send("POST", "/web/session", "{\"key\": \"" + acmeKey + "\"}", Map.of());
        assertEquals(201, login.statusCode());
        String setCookie = header(login, "Set-Cookie");
        assertTrue(setCookie.startsWith(WebSessions.COOKIE + "="), setCookie);
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        assertFalse(setCookie.contains(acmeKey.substring(20)), "the cookie is not the key");
        String cookie = setCookie.split(";")[0];
        JsonNode session = Json.MAPPER.readTree(login.body());
        assertEquals("acme", session.get("tenant").asText());
        String token = session.get("csrf_token").asText();
        assertEquals(
                token,
                Json.MAPPER
                        .readTree(send("GET", "/web/session", null, Map.of("Cookie", cookie))
                                .body())
                        .get("csrf_token")
                        .asText());

        assertEquals(
                "acme",
                send("GET", "/api/v1/whoami", null, Map.of("Cookie", cookie)).body());
        assertProblem(send("POST", "/api/v1/whoami", "{}", Map.of("Cookie", cookie)), 403, "CSRF_FAILED");
        assertProblem(
                send("POST", "/api/v1/whoami", "{}", Map.of("Cookie", cookie, WebSessions.CSRF_HEADER, "x" + token)),
                403,
                "CSRF_FAILED");
        assertEquals(
                "acme",
                send("POST", "/api/v1/whoami", "{}", Map.of("Cookie", cookie, WebSessions.CSRF_HEADER, token))
                        .body());
        assertProblem(
                send(
                        "GET",
                        "/api/v1/whoami",
                        null,
                        Map.of("Cookie", cookie, "Sec-Fetch-Site", "cross-site", WebSessions.CSRF_HEADER, token)),
                403,
                "CSRF_FAILED");

        assertProblem(send("DELETE", "/web/session", null, Map.of("Cookie", cookie)), 403, "CSRF_FAILED");
        HttpResponse<String> logout =
                send("DELETE", "/web/session", null, Map.of("Cookie", cookie, WebSessions.CSRF_HEADER, token));
        assertEquals(204, logout.statusCode());
        assertTrue(header(logout, "Set-Cookie").contains("Max-Age=0"));
        assertEquals(
                401,
                send("GET", "/api/v1/whoami", null, Map.of("Cookie", cookie)).statusCode());
    }

    @Test
    void a_session_ends_when_idle_too_long_and_when_its_key_is_revoked() throws Exception {
        String cookie = login();
        now.set(now.get().plus(WebSessions.IDLE).minusSeconds(1));
        assertEquals(
                200,
                send("GET", "/api/v1/whoami", null, Map.of("Cookie", cookie)).statusCode());
        now.set(now.get().plus(WebSessions.IDLE));
        assertEquals(
                401,
                send("GET", "/api/v1/whoami", null, Map.of("Cookie", cookie)).statusCode());

        String second = login();
        keys.revoke(keys.list("acme").get(0).id());
        now.set(now.get().plus(ApiKeys.CACHE_FOR).plus(Duration.ofSeconds(1)));
        assertEquals(
                401,
                send("GET", "/api/v1/whoami", null, Map.of("Cookie", second)).statusCode());
    }

    @Test
    void one_key_keeps_at_most_its_newest_sessions() throws Exception {
        String first = login();
        now.set(now.get().plusSeconds(1));
        for (int i = 1; i < WebSessions.MAX_PER_KEY; i++) {
            login();
        }
        assertEquals(
                200,
                send("GET", "/api/v1/whoami", null, Map.of("Cookie", first)).statusCode());
        now.set(now.get().plusSeconds(1));
        String newest = login();
        assertEquals(
                401,
                send("GET", "/api/v1/whoami", null, Map.of("Cookie", first)).statusCode());
        assertEquals(
                200,
                send("GET", "/api/v1/whoami", null, Map.of("Cookie", newest)).statusCode());
    }

    @Test
    void a_session_ends_at_its_lifetime_however_busy() throws Exception {
        String cookie = login();
        Instant end = now.get().plus(WebSessions.LIFETIME);
        while (now.get().plus(Duration.ofMinutes(30)).isBefore(end)) {
            now.set(now.get().plus(Duration.ofMinutes(30)));
            assertEquals(
                    200,
                    send("GET", "/api/v1/whoami", null, Map.of("Cookie", cookie))
                            .statusCode());
        }
        now.set(end);
        assertEquals(
                401,
                send("GET", "/api/v1/whoami", null, Map.of("Cookie", cookie)).statusCode());
    }

    @Test
    void a_login_started_by_another_site_is_refused_and_a_new_login_ends_the_old_session() throws Exception {
        assertProblem(
                send("POST", "/web/session", "{\"key\": \"" + acmeKey + "\"}", Map.of("Sec-Fetch-Site", "cross-site")),
                403,
                "CSRF_FAILED");
        String first = login();
        HttpResponse<String> again =
                send("POST", "/web/session", "{\"key\": \"" + acmeKey + "\"}", Map.of("Cookie", first));
        assertEquals(201, again.statusCode());
        assertEquals(
                401,
                send("GET", "/api/v1/whoami", null, Map.of("Cookie", first)).statusCode());
        String second = header(again, "Set-Cookie").split(";")[0];
        assertEquals(
                200,
                send("GET", "/api/v1/whoami", null, Map.of("Cookie", second)).statusCode());
    }

    @Test
    void behind_https_the_cookie_is_secure_and_host_only() throws Exception {
        server.close();
        start(true);
        String setCookie =
                header(send("POST", "/web/session", "{\"key\": \"" + acmeKey + "\"}", Map.of()), "Set-Cookie");
        assertTrue(setCookie.startsWith(WebSessions.SECURE_COOKIE + "="), setCookie);
        assertTrue(setCookie.contains("; Secure") && setCookie.contains("Path=/"), setCookie);
        assertFalse(setCookie.contains("Domain"), setCookie);
        String id = setCookie.split(";")[0].substring(WebSessions.SECURE_COOKIE.length() + 1);
        assertEquals(
                "acme",
                send("GET", "/api/v1/whoami", null, Map.of("Cookie", WebSessions.SECURE_COOKIE + "=" + id))
                        .body());
        assertEquals(
                401,
                send("GET", "/api/v1/whoami", null, Map.of("Cookie", WebSessions.COOKIE + "=" + id))
                        .statusCode(),
                "the unprefixed name, which another subdomain could set, is not read");
    }

    private String login() throws Exception {
        return header(send("POST", "/web/session", "{\"key\": \"" + acmeKey + "\"}", Map.of()), "Set-Cookie")
                .split(";")[0];
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String code) throws IOException {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals(code, Json.MAPPER.readTree(answer.body()).get("code").asText());
    }

    private static String header(HttpResponse<String> answer, String name) {
        return answer.headers().firstValue(name).orElse("");
    }

    private HttpResponse<String> send(String method, String path, String json, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        headers.forEach(request::header);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
