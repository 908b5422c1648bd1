package com.speeddata.http.problem;

import com.fasterxml.jackson.core.JacksonException;
import com.speeddata.export.InlineExportRefusedException;
import com.speeddata.http.SlowClientLimits;
import com.speeddata.jobs.InsufficientStorageException;
import com.speeddata.jobs.JobException;
import com.speeddata.jobs.JobIdConflictException;
import com.speeddata.jobs.JobNotFoundException;
import com.speeddata.jobs.QueueFullException;
import com.speeddata.jobs.QuotaExceededException;
import com.speeddata.pivot.ExportTooLargeException;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.PivotException;
import com.speeddata.pivot.UnknownNamesException;
import com.speeddata.scoring.ScoringException;
import com.speeddata.scoring.events.EventIdConflictException;
import com.speeddata.scoring.events.UnknownEventsException;
import com.speeddata.scoring.usecase.ConflictingModelsException;
import com.speeddata.scoring.usecase.TooManyItemsException;
import com.speeddata.scoring.usecase.UnknownModelException;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP statuses. Anything unforeseen is logged with an incident id and
 * answered with that id only: no stack trace, SQL or path ever reaches a client.
 */
public final class ProblemMapper {
    private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);

    private ProblemMapper() {}

    public static ProblemException toProblem(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        if (failure instanceof PivotException pivot) {
            return new ProblemException(fromPivot(pivot));
        }
        if (failure instanceof ScoringException scoring) {
            return fromScoring(scoring);
        }
        if (failure instanceof JobException job) {
            return fromJobs(job);
        }
        if (failure instanceof InlineExportRefusedException refused) {
            return fromInlineRefusal(refused);
        }
        if (failure instanceof BodyReadException body) {
            return fromBodyRead(body);
        }
        if (failure instanceof java.io.UncheckedIOException || failure instanceof org.eclipse.jetty.io.EofException) {
            return ProblemException.malformed("the request body could not be read to its end");
        }
        if (failure instanceof JacksonException json) {
            return ProblemException.malformed(JsonSyntax.describe(json));
        }
        if (failure instanceof HttpResponseException http) {
            return new ProblemException(fromJavalin(http));
        }
        if (isTransientDatabaseFailure(failure)) {
            log.warn("answering 503: the database is busy or briefly unreachable ({})", failure.toString());
            return new ProblemException(
                    Problem.of(
                            503,
                            "DATABASE_BUSY",
                            "Service busy",
                            "the database is busy or briefly unreachable; nothing was changed, retry shortly"),
                    Map.of("Retry-After", "2"));
        }
        if (hasSqlState(failure, UNSTORABLE_CHARACTER)) {
            return new ProblemException(Problem.of(
                    400,
                    "INVALID_REQUEST",
                    "Invalid request",
                    "a text value holds a character the database cannot store, such as NUL"));
        }
        return incident(failure);
    }

    /** PostgreSQL's character_not_in_repertoire: a NUL in text. Requests are checked first; this is the backstop. */
    private static final String UNSTORABLE_CHARACTER = "22021";

    private static boolean hasSqlState(Throwable failure, String state) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A transient database failure (the JDK's SQLTransientException family: a connection pool timeout, a lost
     * connection) anywhere in the cause chain. The storage adapter decides what counts (its ConnectionLoss, by
     * SQLState: a restart, a terminated backend, a closed embedded database) and reports it as its
     * DatabaseUnavailableException with a SQLTransientConnectionException as cause: this module cannot see the
     * storage adapter's types, only the JDK's.
     */
    private static boolean isTransientDatabaseFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientException) {
                return true;
            }
        }
        return false;
    }

    /** An unforeseen failure: logged in full under an id, answered with the id only. */
    private static ProblemException incident(Throwable failure) {
        String incident = UUID.randomUUID().toString();
        log.error("incident {}: unexpected failure", incident, failure);
        return new ProblemException(Problem.of(
                500,
                "INTERNAL_ERROR",
                "Internal error",
                "an unexpected error occurred; quote incident " + incident + " when reporting it"));
    }

    private static Problem fromPivot(PivotException failure) {
        if (failure instanceof InvalidRequestException invalid) {
            return Problem.of(400, "INVALID_REQUEST", "Invalid request", invalid.getMessage())
                    .withErrors(invalid.errors().stream()
                            .map(e -> new Problem.FieldErrorView(e.pointer(), e.detail()))
                            .toList());
        }
        if (failure instanceof UnknownNamesException unknown) {
            return Problem.of(404, "UNKNOWN_SIGNAL", "Unknown channel or signal", unknown.getMessage());
        }
        if (failure instanceof ExportTooLargeException tooLarge) {
            return Problem.of(413, "EXPORT_TOO_LARGE", "Export too large", tooLarge.getMessage())
                    .withSuggestion(
                            Map.of("max_bytes", tooLarge.maxBytes(), "estimated_bytes", tooLarge.estimatedBytes()));
        }
        return Problem.of(400, "INVALID_REQUEST", "Invalid request", failure.getMessage());
    }

    private static ProblemException fromScoring(ScoringException failure) {
        if (failure instanceof UnknownModelException) {
            return new ProblemException(Problem.of(404, "UNKNOWN_MODEL", "Unknown model", failure.getMessage()));
        }
        if (failure instanceof ConflictingModelsException) {
            return new ProblemException(Problem.of(400, "INVALID_REQUEST", "Invalid request", failure.getMessage())
                    .withErrors(java.util.List.of(new Problem.FieldErrorView("/model", failure.getMessage()))));
        }
        if (failure instanceof UnknownEventsException) {
            return new ProblemException(Problem.of(404, "UNKNOWN_EVENT", "Unknown event", failure.getMessage()));
        }
        if (failure instanceof EventIdConflictException) {
            return new ProblemException(
                    Problem.of(409, "EVENT_ID_CONFLICT", "Event id already used", failure.getMessage()));
        }
        if (failure instanceof TooManyItemsException tooMany) {
            return new ProblemException(
                    Problem.of(413, "TOO_MANY_ITEMS", "Too many items for a synchronous call", tooMany.getMessage())
                            .withSuggestion(Map.of("endpoint", "/v1/score/batch", "max", tooMany.max())));
        }
        return incident(failure);
    }

    private static ProblemException fromJobs(JobException failure) {
        if (failure instanceof QueueFullException full) {
            return new ProblemException(
                    Problem.of(503, "QUEUE_FULL", "Job queue full", full.getMessage()), Map.of("Retry-After", "30"));
        }
        if (failure instanceof InsufficientStorageException room) {
            return new ProblemException(
                    Problem.of(507, "INSUFFICIENT_STORAGE", "Insufficient storage", room.getMessage()));
        }
        if (failure instanceof QuotaExceededException quota) {
            return new ProblemException(
                    Problem.of(429, "QUOTA_EXCEEDED", "Job quota exceeded", quota.getMessage()),
                    Map.of("Retry-After", "30"));
        }
        if (failure instanceof JobIdConflictException conflict) {
            return new ProblemException(
                    Problem.of(409, "JOB_ID_CONFLICT", "Job id already used", conflict.getMessage()));
        }
        if (failure instanceof JobNotFoundException notFound) {
            return new ProblemException(Problem.of(404, "JOB_NOT_FOUND", "Job not found", notFound.getMessage()));
        }
        return new ProblemException(Problem.of(409, "JOB_CONFLICT", "Job conflict", failure.getMessage()));
    }

    /** Seconds a client refused for busy inline exports waits: about one short inline export. */
    private static final String INLINE_BUSY_RETRY_SECONDS = "2";

    private static ProblemException fromInlineRefusal(InlineExportRefusedException failure) {
        Map<String, Object> askForAJob = Map.of("execution", "async");
        if (failure instanceof InlineExportRefusedException.TooLarge) {
            return new ProblemException(
                    Problem.of(413, "SYNC_EXPORT_TOO_LARGE", "Export too large to run inline", failure.getMessage())
                            .withSuggestion(askForAJob));
        }
        if (failure instanceof InlineExportRefusedException.Busy) {
            return new ProblemException(
                    Problem.of(503, "EXPORTS_BUSY", "Too many inline exports", failure.getMessage())
                            .withSuggestion(askForAJob),
                    Map.of("Retry-After", INLINE_BUSY_RETRY_SECONDS));
        }
        return new ProblemException(Problem.of(408, "SYNC_TIMEOUT", "Inline export timed out", failure.getMessage())
                .withSuggestion(askForAJob));
    }

    private static ProblemException fromBodyRead(BodyReadException failure) {
        if (failure.tooSlow()) {
            return new ProblemException(
                    Problem.of(
                                    408,
                                    "REQUEST_TIMEOUT",
                                    "Request timeout",
                                    "the request body arrived too slowly or stalled; send it without pauses, at "
                                            + SlowClientLimits.MIN_REQUEST_DATA_RATE + " bytes a second or more")
                            .withSuggestion(Map.of("min_bytes_per_second", SlowClientLimits.MIN_REQUEST_DATA_RATE)),
                    Map.of("Connection", "close"));
        }
        return new ProblemException(
                Problem.of(
                        400,
                        "MALFORMED_BODY",
                        "Bad request",
                        "the request body could not be read to its end: its chunked framing is broken, or it ended before "
                                + "its Content-Length"),
                Map.of("Connection", "close"));
    }

    private static Problem fromJavalin(HttpResponseException http) {
        return forStatus(http.getStatus());
    }

    /**
     * The problem for a status that no richer failure explains: Javalin's own answers and the HTTP layer's refusals
     * (a request line, header or path Jetty cannot parse, before any route runs). Each status has one stable code,
     * and the detail is ours, never the library's reason text.
     */
    public static Problem forStatus(int status) {
        return switch (status) {
            case 400 ->
                Problem.of(
                        400,
                        "MALFORMED_REQUEST",
                        "Malformed request",
                        "the request is not valid HTTP: its request line, a header, its path or its body framing could "
                                + "not be parsed");
            case 404 -> Problem.of(404, "NOT_FOUND", "Not found", "no such resource");
            case 405 ->
                Problem.of(
                        405,
                        "METHOD_NOT_ALLOWED",
                        "Method not allowed",
                        "this method is not allowed on this path; the Allow header lists those that are");
            case 408 ->
                Problem.of(
                        408,
                        "REQUEST_TIMEOUT",
                        "Request timeout",
                        "the request did not arrive in time; send it again without pauses");
            case 411 ->
                Problem.of(
                        411,
                        "LENGTH_REQUIRED",
                        "Length required",
                        "send the body with a Content-Length or chunked transfer coding");
            case 413 -> Problem.of(413, "BODY_TOO_LARGE", "Request body too large", "the request body is too large");
            case 414 ->
                Problem.of(
                        414,
                        "URI_TOO_LONG",
                        "URI too long",
                        "the request target is too long; move long parameters into a request body");
            case 415 ->
                Problem.of(
                        415,
                        "UNSUPPORTED_MEDIA_TYPE",
                        "Unsupported media type",
                        "the request's content type is not accepted here");
            case 417 ->
                Problem.of(417, "EXPECTATION_FAILED", "Expectation failed", "only 'Expect: 100-continue' is supported");
            case 426 ->
                Problem.of(
                        426,
                        "UPGRADE_REQUIRED",
                        "Upgrade required",
                        "this server speaks HTTP/1.1 (and HTTP/1.0) on this port");
            case 431 ->
                Problem.of(
                        431,
                        "HEADERS_TOO_LARGE",
                        "Request header fields too large",
                        "the request's headers are too large");
            case 501 -> Problem.of(501, "NOT_IMPLEMENTED", "Not implemented", "this request is not supported");
            case 503 -> Problem.of(503, "UNAVAILABLE", "Service unavailable", "the service is busy; retry shortly");
            case 505 ->
                Problem.of(
                        505, "HTTP_VERSION_NOT_SUPPORTED", "HTTP version not supported", "send HTTP/1.1 (or HTTP/1.0)");
            default ->
                status < 500
                        ? Problem.of(status, "BAD_REQUEST", "Bad request", "the request cannot be served as sent")
                        : Problem.of(status, "INTERNAL_ERROR", "Internal error", "server error");
        };
    }
}
