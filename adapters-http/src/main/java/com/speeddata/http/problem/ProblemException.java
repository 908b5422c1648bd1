package com.speeddata.http.problem;

import java.util.List;
import java.util.Map;

/** Root of the HTTP adapter's own failures (malformed bodies, wrong media types): each carries its problem. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;
    private final Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail());
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(Problem.of(400, code, "Bad request", detail));
    }

    /** A 400 about one place in the body, named by {@code pointer} ({@code /values/17}, {@code /line/3}). */
    public static ProblemException badRequest(String code, String pointer, String detail) {
        return new ProblemException(Problem.of(400, code, "Bad request", detail)
                .withErrors(List.of(new Problem.FieldErrorView(pointer, detail))));
    }

    public static ProblemException malformed(String detail) {
        return badRequest("MALFORMED_BODY", detail);
    }

    public static ProblemException unsupportedMediaType(String given, String accepted) {
        return new ProblemException(Problem.of(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "Unsupported media type",
                "Content-Type '" + given + "' is not accepted here; send one of: " + accepted));
    }

    /** 507: the server ran out of room for work it needs to do before it can answer. */
    public static ProblemException insufficientStorage(String detail) {
        return new ProblemException(Problem.of(507, "INSUFFICIENT_STORAGE", "Insufficient storage", detail));
    }

    public static ProblemException bodyTooLarge(long maxBytes) {
        return new ProblemException(Problem.of(
                413,
                "BODY_TOO_LARGE",
                "Request body too large",
                "the request body exceeds " + maxBytes + " bytes; split it into several requests"));
    }
}
