package com.speeddata.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.http.problem.ProblemException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Reads small JSON request bodies: checks the media type and the size, and insists on an object. */
public final class JsonBodies {
    /** Control bodies (export requests, definitions) are small; sample bodies have their own limit. */
    public static final int MAX_CONTROL_BODY_BYTES = 1 << 20;

    private JsonBodies() {}

    /** Bodies that carry many items (events, batch headlines) may be larger than control bodies. */
    public static final int MAX_ITEMS_BODY_BYTES = 16 << 20;

    public static ObjectNode readObject(Context ctx) {
        return readObject(ctx, MAX_CONTROL_BODY_BYTES);
    }

    public static ObjectNode readObject(Context ctx, int maxBytes) {
        requireJson(ctx);
        byte[] body = readLimited(ctx, maxBytes);
        if (body.length == 0) {
            throw ProblemException.malformed("the request body is empty; send a JSON object");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node instanceof ObjectNode object) {
                ControlCharacters.check(object);
                return object;
            }
            throw ProblemException.malformed("the request body must be a JSON object, not " + describe(node));
        } catch (IOException e) {
            throw com.speeddata.http.problem.ProblemMapper.toProblem(e);
        }
    }

    /**
     * A JSON body must say so: a web page can send a plain form or a text blob to any site without asking (no CORS
     * preflight), but not {@code application/json}, so this keeps other sites from posting to the service.
     */
    public static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !mediaType(type).equals("application/json")) {
            throw ProblemException.unsupportedMediaType(type == null ? "(none)" : type, "application/json");
        }
    }

    /** The media type without parameters, lower case: {@code "text/csv; charset=utf-8"} → {@code "text/csv"}. */
    public static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
    }

    public static byte[] readLimited(Context ctx, int maxBytes) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw ProblemException.bodyTooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw ProblemException.malformed("the request body could not be read");
        }
    }

    static String describe(JsonNode node) {
        return node == null || node.isMissingNode()
                ? "nothing"
                : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
