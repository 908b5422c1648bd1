package com.speeddata.http.problem;

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

    public static ProblemException malformed(String detail) {
        return badRequest("MALFORMED_BODY", detail);
    }

    public static ProblemException unsupportedMediaType(String given, String accepted) {
        return new ProblemException(Problem.of(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                "Content-Type '" + given + "' is not accepted here; send one of: " + accepted));
    }

    public static ProblemException bodyTooLarge(long maxBytes) {
        return new ProblemException(Problem.of(413, "BODY_TOO_LARGE", "Request body too large",
                "the request body exceeds " + maxBytes + " bytes; split it into several requests"));
    }
}
