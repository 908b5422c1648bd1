package com.speeddata.http;

import com.speeddata.http.access.AccessSettings;
import com.speeddata.http.access.Authentication;
import com.speeddata.http.access.HostCheck;
import com.speeddata.http.access.RequestLog;
import com.speeddata.http.problem.Problem;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.http.problem.ProblemMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The Javalin server: routes from each feature, and one exception path that always answers problem+json. */
public final class HttpServer implements AutoCloseable {
    private final Javalin app;

    private final String bindAddress;

    /**
     * @param routes    each registers its routes on the app
     * @param readiness true when the database answers; drives {@code /ready}
     */
    public HttpServer(List<Consumer<Javalin>> routes, BooleanSupplier readiness, AccessSettings access,
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
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
        });
        HostCheck hosts = new HostCheck(access);
        app.before(hosts::check);
        app.before(QueryStrings::check);
        app.before(authentication::authenticate);
        app.wsBeforeUpgrade(hosts::check);
        app.wsBeforeUpgrade(QueryStrings::check);
        app.wsBeforeUpgrade(authentication::authenticateUpgrade);
        app.get("/health", ctx -> ctx.json(Map.of("status", "up")));
        app.post("/api/v1/stream-tickets", authentication::issueTicket);
        app.get("/ready", ctx -> ready(ctx, readiness));
        routes.forEach(route -> route.accept(app));
        app.exception(Exception.class, (failure, ctx) -> answer(ctx, ProblemMapper.toProblem(failure)));
        app.error(404, ctx -> {
            if (!Problem.CONTENT_TYPE.equals(ctx.res().getContentType())) {
                answer(ctx, new ProblemException(Problem.of(404, "NOT_FOUND", "Not found",
                        "no route for " + ctx.method() + " " + ctx.path())));
            }
        });
    }

    private static void ready(Context ctx, BooleanSupplier readiness) {
        if (readiness.getAsBoolean()) {
            ctx.json(Map.of("status", "ready"));
        } else {
            answer(ctx, new ProblemException(Problem.of(503, "NOT_READY", "Not ready", "the database is not reachable"),
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
        app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream().map(e -> e.getEndpoint())
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
