package com.speeddata.http.ingest;

import com.speeddata.http.Callers;
import com.speeddata.http.JsonBodies;
import com.speeddata.http.JsonResponses;
import com.speeddata.http.catalog.CatalogRoutes;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.UnknownNamesException;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.catalog.SignalStores;
import com.speeddata.pivot.time.Timestamps;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** {@code POST /api/v1/channels/{channel}/signals/{signal}/samples} in JSON, CSV or raw float64. */
public final class IngestRoutes {
    private static final String ACCEPTED_TYPES = "application/json, text/csv, application/octet-stream";

    private final SignalStores stores;
    private final long maxBodyBytes;
    private final Path spoolDir;

    /**
     * {@code spoolDir} holds, while a JSON body is read, the array that came before its partner (timestamps before
     * values) once it outgrows memory; what a killed process left there is deleted now.
     */
    public IngestRoutes(SignalStores stores, long maxBodyBytes, Path spoolDir) {
        this.stores = stores;
        this.maxBodyBytes = maxBodyBytes;
        this.spoolDir = spoolDir;
        TokenSpool.clearLeftovers(spoolDir);
    }

    public void register(Javalin app) {
        app.post("/api/v1/channels/{channel}/signals/{signal}/samples", this::ingest);
    }

    private void ingest(Context ctx) throws IOException {
        SignalKey key = CatalogRoutes.signalKey(ctx);
        String contentType = ctx.contentType();
        if (contentType == null) {
            throw ProblemException.unsupportedMediaType("(none)", ACCEPTED_TYPES);
        }
        if (ctx.contentLength() > maxBodyBytes) {
            throw ProblemException.bodyTooLarge(maxBodyBytes);
        }
        String owner = Callers.owner(ctx);
        SignalDefinition signal = stores.catalog(owner)
                .find(key)
                .map(SignalInfo::definition)
                .orElseThrow(() -> new UnknownNamesException(List.of(key.path())));
        try (InputStream body = new LimitedInputStream(ctx.req().getInputStream(), maxBodyBytes);
                BlockReader blocks = reader(JsonBodies.mediaType(contentType), body, signal, ctx)) {
            long accepted = stores.samples(owner).write(key, blocks);
            JsonResponses.send(ctx, Map.of("accepted", accepted));
        }
    }

    private BlockReader reader(String mediaType, InputStream body, SignalDefinition signal, Context ctx) {
        return switch (mediaType) {
            case "application/json" -> new JsonSamplesReader(body, signal, spoolDir);
            case "text/csv" -> new CsvSamplesReader(body);
            case "application/octet-stream" -> new BinarySamplesReader(body, signal, startParameter(ctx));
            default -> throw ProblemException.unsupportedMediaType(mediaType, ACCEPTED_TYPES);
        };
    }

    private static long startParameter(Context ctx) {
        String text = ctx.queryParam("start");
        OptionalLong start = text == null ? OptionalLong.empty() : Timestamps.parse(text);
        if (start.isEmpty()) {
            throw new InvalidRequestException(
                    "/start", "binary bodies need ?start=<RFC 3339 instant>, e.g. " + Timestamps.EXAMPLES);
        }
        return start.getAsLong();
    }
}
