package com.speeddata.http.problem;

/**
 * The request body could not be read to its end: its chunked framing is broken, it ended before its
 * Content-Length, the connection closed mid-body, or it arrived too slowly. The client's fault, never a 500.
 */
public final class BodyReadException extends RuntimeException {
    private final boolean tooSlow;

    public BodyReadException(boolean tooSlow, Throwable cause) {
        super(tooSlow ? "the request body arrived too slowly" : "the request body could not be read to its end", cause);
        this.tooSlow = tooSlow;
    }

    /** True when the body stalled or trickled in under the minimum data rate, rather than being malformed. */
    public boolean tooSlow() {
        return tooSlow;
    }
}
