package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bodies are written to the store a block at a time while they are read: a body that fails after several blocks
 * were written stores nothing, on the embedded store and on PostgreSQL, and the spool of its first array is gone.
 */
class StreamedIngestEndToEndTest {
    private static final int SAMPLES = 200_000;
    private static final Map<TestDatabase.Kind, TestDatabase> databases = new EnumMap<>(TestDatabase.Kind.class);
    private static final Map<TestDatabase.Kind, RunningServer> servers = new EnumMap<>(TestDatabase.Kind.class);

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startServers() {
        for (TestDatabase.Kind kind : TestDatabase.Kind.values()) {
            TestDatabase database = TestDatabase.create(kind);
            databases.put(kind, database);
            servers.put(kind, RunningServer.start(database, dataDir.resolve(kind.name()), Map.of()));
        }
    }

    @AfterAll
    static void stopServers() {
        servers.values().forEach(RunningServer::close);
        databases.values().forEach(TestDatabase::close);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_body_that_fails_after_blocks_were_written_stores_nothing(TestDatabase.Kind kind) throws Exception {
        RunningServer server = servers.get(kind);
        String samples = "/api/v1/channels/streamed/signals/s/samples";
        assertEquals(
                201,
                server.json("PUT", "/api/v1/channels/streamed/signals/s", "{\"unit\": \"V\", \"sample_rate_hz\": null}")
                        .statusCode());
        String timestamps = join(LongStream.range(0, SAMPLES).mapToObj(Long::toString));
        String values = join(LongStream.range(0, SAMPLES).mapToObj(i -> i == SAMPLES - 1 ? "\"x\"" : i + ".5"));
        HttpResponse<byte[]> refused =
                server.json("POST", samples, "{\"timestamps\": [" + timestamps + "], \"values\": [" + values + "]}");
        assertEquals(400, refused.statusCode());
        assertEquals(
                "/values/" + (SAMPLES - 1),
                TestHttp.body(refused).get("errors").get(0).get("pointer").asText());
        String lines = LongStream.range(0, SAMPLES).mapToObj(i -> i + ",1\n").collect(Collectors.joining());
        HttpResponse<byte[]> badLine = server.send(
                "POST",
                samples,
                "text/csv",
                ("timestamp,value\n" + lines + "1,2,3\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, badLine.statusCode());
        assertEquals(
                "/line/" + (SAMPLES + 2),
                TestHttp.body(badLine).get("errors").get(0).get("pointer").asText());
        assertEquals(0, stored(server), "a failed body stores nothing");
        try (Stream<Path> spooled = Files.list(dataDir.resolve(kind.name()).resolve("ingest-spool"))) {
            assertEquals(0, spooled.count(), "the spool of the failed body is deleted");
        }
    }

    private static String join(Stream<String> elements) {
        return elements.collect(Collectors.joining(","));
    }

    private static long stored(RunningServer server) {
        for (JsonNode channel : TestHttp.body(server.get("/api/v1/channels")).get("channels")) {
            if (channel.get("name").asText().equals("streamed")) {
                return channel.get("signals").get(0).get("samples").asLong();
            }
        }
        throw new AssertionError("channel streamed is not listed");
    }
}
