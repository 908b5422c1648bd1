package com.speeddata.http.web;

import com.speeddata.http.problem.Problem;
import com.speeddata.http.problem.ProblemException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web page: {@code GET /} is its HTML, {@code GET /ui/<path>} its scripts, styles and the vendored chart library,
 * all read from the jar's {@code /web/} resources, so the page works offline. Every answer carries a strict
 * Content-Security-Policy (scripts and styles from this origin only, no inline code, never framed).
 */
public final class WebAssets {
    /** Paths a browser may load; the UI paths every mode leaves open, as the page must load before a login. */
    public static final String PAGE = "/";

    public static final String PREFIX = "/ui/";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * Relative names of files only: no {@code ..}, no leading slash, no backslash, no empty segment, and a last
     * segment with an extension (or a LICENSE), so a directory (which a class path folder lists) is never one.
     */
    private static final Pattern ASSET =
            Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9_.-]*/)*([A-Za-z0-9_-][A-Za-z0-9_.-]*\\.[A-Za-z0-9]+|LICENSE)");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "md", "text/plain; charset=utf-8",
            "txt", "text/plain; charset=utf-8");

    /** Only assets that exist are kept, so requests for made-up names cannot grow it. */
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public void register(Javalin app) {
        app.get(PAGE, ctx -> send(ctx, "index.html"));
        app.get(PREFIX + "<path>", ctx -> send(ctx, ctx.pathParam("path")));
    }

    /** True for the paths this class serves: they need no key. */
    public static boolean serves(String path) {
        return path.equals(PAGE) || path.startsWith(PREFIX);
    }

    private void send(Context ctx, String name) {
        byte[] body = ASSET.matcher(name).matches() ? load(name) : null;
        if (body == null) {
            throw new ProblemException(Problem.of(404, "NOT_FOUND", "Not found", "no such page asset: " + name));
        }
        securityHeaders(ctx);
        ctx.header("Cache-Control", "no-cache");
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "txt"; // LICENSE
        ctx.contentType(TYPES.getOrDefault(extension, "application/octet-stream"));
        ctx.result(body);
    }

    /** The headers every page answer carries. */
    static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    }

    private byte[] load(String name) {
        byte[] cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = WebAssets.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                return null;
            }
            byte[] body = in.readAllBytes();
            cache.put(name, body);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
