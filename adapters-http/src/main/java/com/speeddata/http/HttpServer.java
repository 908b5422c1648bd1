package com.speeddata.http;

import com.speeddata.http.access.AccessSettings;
import com.speeddata.http.access.Authentication;
import com.speeddata.http.access.HostCheck;
import com.speeddata.http.access.RequestLog;
import com.speeddata.http.problem.Problem;
import com.speeddata.http.problem.ProblemErrorHandler;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.http.problem.ProblemMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.jetty.servlet.FilterHolder;

/** The Javalin server: routes from each feature, and one exception path that always answers problem+json. */
public final class HttpServer implements AutoCloseable {
    private final Javalin app;

    private final String bindAddress;

    /**
     * @param routes    each registers its routes on the app
     * @param readiness true when the database answers; drives {@code /ready}
     */
    public HttpServer(
            List<Consumer<Javalin>> routes,
            BooleanSupplier readiness,
            AccessSettings access,
            Authentication authentication) {
        this.bindAddress = access.bindAddress();
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.disableCompression();
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            if (access.multiUser()) { // who did what is an operator's question; one user on a laptop has none
                config.requestLogger.http(RequestLog::log);
            }
            // Jetty reuses header values seen earlier on a connection, matched case-insensitively by default: a
            // key sent in other case would then arrive as the key seen before. Keys are case-sensitive.
            config.jetty.modifyHttpConfiguration(http -> {
                http.setHeaderCacheCaseSensitive(true);
                http.setSendServerVersion(false);
                http.setMinRequestDataRate(SlowClientLimits.MIN_REQUEST_DATA_RATE);
                http.setIdleTimeout(SlowClientLimits.BLOCKING_IO_TIMEOUT.toMillis());
            });
            // Requests Jetty refuses before any route runs (bad request line, header, path) answer problem+json too
            config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
            config.jetty.modifyServletContextHandler(context -> {
                context.setErrorHandler(new ProblemErrorHandler());
                context.addFilter(new FilterHolder(new RequestBodyGuard()), "/*", EnumSet.of(DispatcherType.REQUEST));
            });
        });
        HostCheck hosts = new HostCheck(access);
        app.before(hosts::check);
        app.before(QueryStrings::check);
        app.before(authentication::authenticate);
        app.wsBeforeUpgrade(hosts::check);
        app.wsBeforeUpgrade(QueryStrings::check);
        app.wsBeforeUpgrade(authentication::authenticateUpgrade);
        app.get("/health", ctx -> JsonResponses.send(ctx, Map.of("status", "up")));
        app.post("/api/v1/stream-tickets", authentication::issueTicket);
        app.get("/ready", ctx -> ready(ctx, readiness));
        routes.forEach(route -> route.accept(app));
        app.exception(Exception.class, (failure, ctx) -> answer(ctx, ProblemMapper.toProblem(failure)));
        app.error(404, ctx -> {
            if (!Problem.CONTENT_TYPE.equals(ctx.res().getContentType())) {
                noRoute(ctx);
            }
        });
    }

    /**
     * No route for this method and path: 405 with {@code Allow} when the path has routes for other methods
     * (RFC 9110 15.5.6), else 404.
     */
    private void noRoute(Context ctx) {
        List<String> allowed = allowedMethods(ctx.path());
        if (allowed.isEmpty()) {
            answer(
                    ctx,
                    new ProblemException(Problem.of(
                            404, "NOT_FOUND", "Not found", "no route for " + ctx.method() + " " + ctx.path())));
        } else {
            answer(
                    ctx,
                    new ProblemException(
                            Problem.of(
                                    405,
                                    "METHOD_NOT_ALLOWED",
                                    "Method not allowed",
                                    ctx.method() + " is not allowed here; allowed: " + String.join(", ", allowed)),
                            Map.of("Allow", String.join(", ", allowed))));
        }
    }

    /** The methods with a route for this path, in HTTP's usual order; HEAD wherever GET is (Javalin serves it). */
    private List<String> allowedMethods(String path) {
        var router = app.unsafeConfig().pvt.internalRouter;
        List<String> allowed = new java.util.ArrayList<>();
        for (HandlerType type : HandlerType.values()) {
            if (type.isHttpMethod()
                    && router.findHttpHandlerEntries(type, path).findFirst().isPresent()) {
                allowed.add(type.name());
            }
        }
        if (allowed.contains("GET") && !allowed.contains("HEAD")) {
            allowed.add(allowed.indexOf("GET") + 1, "HEAD");
        }
        return allowed;
    }

    private static void ready(Context ctx, BooleanSupplier readiness) {
        if (readiness.getAsBoolean()) {
            JsonResponses.send(ctx, Map.of("status", "ready"));
        } else {
            answer(
                    ctx,
                    new ProblemException(
                            Problem.of(503, "NOT_READY", "Not ready", "the database is not reachable"),
                            Map.of("Retry-After", "5")));
        }
    }

    private static void answer(Context ctx, ProblemException failure) {
        Problem problem = failure.problem();
        failure.headers().forEach(ctx::header);
        ctx.status(problem.status());
        ctx.contentType(Problem.CONTENT_TYPE);
        ctx.result(Json.MAPPER.valueToTree(problem).toString());
    }

    public HttpServer start(int port) {
        app.start(bindAddress, port);
        return this;
    }

    /**
     * Every route: {@code "GET /api/v1/channels"}, and {@code "WS <path>"} for WebSockets. Tests walk it, so a route
     * added without a tenant-isolation case fails the build.
     */
    public List<String> routes() {
        List<String> routes = new java.util.ArrayList<>();
        app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(e -> e.getEndpoint())
                .filter(e -> e.getMethod().isHttpMethod())
                .forEach(e -> routes.add(e.getMethod() + " " + e.getPath()));
        app.unsafeConfig().pvt.wsRouter.getWsPathMatcher().allEntries().stream()
                .filter(e -> e.getType() == io.javalin.websocket.WsHandlerType.WEBSOCKET)
                .forEach(e -> routes.add("WS " + e.getPath()));
        return routes;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
