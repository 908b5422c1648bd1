package com.speeddata.http;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers a JSON body: what {@code ctx.json} does, written straight to the servlet's stream.
 *
 * <p>Why not {@code ctx.json}: Javalin 6 sends every result through its compression stream, which asks Jetty for the
 * response's {@code Content-Encoding} and matches the content type against its list of excluded types on every
 * response, even with compression disabled. On {@code /v1/score} that was a tenth of the server's CPU samples (JFR);
 * answering this way took 3–15 % off the CPU per request in five rounds of an A/B (docs/benchmarks.md).
 *
 * <p>Call it last: the body is written whole with its length, so Jetty completes the response here, and a header or
 * status set afterwards (by the handler or an after-handler) would be lost.
 */
public final class JsonResponses {
    private JsonResponses() {}

    /** Serialises {@code body} with {@link Json#MAPPER} and sends it with the status already set on {@code ctx}. */
    public static void send(Context ctx, Object body) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) { // a body the mapper cannot write is a bug here, not the client's
            throw new IllegalStateException("cannot write the JSON answer", e);
        }
        HttpServletResponse response = ctx.res();
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        try {
            response.getOutputStream().write(bytes);
        } catch (IOException clientGone) {
            // The client closed the connection: nobody is left to answer, and the status stays as set (as with
            // ctx.json, whose write came after the request log and the metrics had counted the response).
        }
    }
}
