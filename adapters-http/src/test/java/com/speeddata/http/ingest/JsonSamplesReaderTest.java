package com.speeddata.http.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.http.problem.ProblemException;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.SampleBlock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSamplesReaderTest {
    private static final SignalDefinition REGULAR = new SignalDefinition(new SignalKey("c", "r"), "V", 1e9, null);
    private static final SignalDefinition IRREGULAR = new SignalDefinition(new SignalKey("c", "i"), "V", null, null);
    private static final long MIB = 1 << 20;

    @TempDir
    Path spool;

    @Test
    void values_of_a_regular_signal_are_written_while_the_rest_of_the_body_is_still_unread() {
        GeneratedBody body =
                GeneratedBody.array("{\"start\": \"1970-01-01T00:00:00Z\", \"values\": [", 3_000_000, i -> "1.5", "]}");
        try (JsonSamplesReader reader = new JsonSamplesReader(body, REGULAR, spool)) {
            SampleBlock first = reader.next();
            assertEquals(JsonSamplesReader.BLOCK_SIZE, first.size());
            assertEquals(1, first.times()[1]);
            assertTrue(body.bytesRead() < MIB, "read " + body.bytesRead() + " bytes for the first block");
            long samples = first.size();
            while (reader.hasNext()) {
                samples += reader.next().size();
            }
            assertEquals(3_000_000, samples);
        }
    }

    @Test
    void timestamps_before_values_wait_in_a_file_that_is_gone_after_the_write() throws IOException {
        int n = 300_000;
        String timestamps = String.join(
                ",",
                Stream.iterate(0L, t -> t + 1).limit(n).map(String::valueOf).toList());
        String values = String.join(
                ",", Stream.iterate(0L, v -> v + 1).limit(n).map(v -> v + ".25").toList());
        List<SampleBlock> blocks = new ArrayList<>();
        try (JsonSamplesReader reader = new JsonSamplesReader(
                json("{\"timestamps\": [" + timestamps + "], \"values\": [" + values + "]}"), IRREGULAR, spool)) {
            blocks.add(reader.next());
            try (Stream<Path> files = Files.list(spool)) {
                assertEquals(1, files.count(), "the timestamps beyond memory are spooled to a file");
            }
            reader.forEachRemaining(blocks::add);
        }
        try (Stream<Path> files = Files.list(spool)) {
            assertEquals(0, files.count());
        }
        assertEquals(n, blocks.stream().mapToInt(SampleBlock::size).sum());
        SampleBlock last = blocks.get(blocks.size() - 1);
        assertEquals(n - 1, last.lastTime());
        assertEquals(n - 1 + 0.25, last.values()[last.size() - 1]);
    }

    @Test
    void fields_pair_in_any_order() {
        assertSamples(
                "{\"values\": [1, null, 3], \"timestamps\": [30, \"1970-01-01T00:00:00.000000010Z\", 20]}",
                IRREGULAR,
                new long[] {10, 20, 30},
                new double[] {Double.NaN, 3, 1});
        assertSamples(
                "{\"values\": [1, 2], \"start\": \"1970-01-01T00:00:00.000000005Z\"}",
                REGULAR,
                new long[] {5, 6},
                new double[] {1, 2});
        assertSamples(
                "{\"timestamps\": [7, 7, 3], \"values\": [1, 2, 3]}", IRREGULAR, new long[] {3, 7}, new double[] {3, 2
                });
    }

    @Test
    void arrays_of_different_lengths_are_refused_whichever_is_longer() {
        assertInvalid("{\"timestamps\": [1, 2, 3], \"values\": [1, 2]}", "/values");
        assertInvalid("{\"timestamps\": [1, 2], \"values\": [1, 2, 3]}", "/values");
        assertInvalid("{\"values\": [1, 2, 3], \"timestamps\": [1, 2]}", "/values");
        assertInvalid("{\"values\": [1, 2], \"timestamps\": [1, 2, 3]}", "/values");
    }

    @Test
    void bad_shapes_name_the_field() {
        assertInvalid("{\"values\": [1, 2]}", "/timestamps");
        assertInvalid("{\"timestamps\": [1, 2]}", "/values");
        assertInvalid("{\"start\": \"1970-01-01T00:00:00Z\", \"timestamps\": [1], \"values\": [1]}", "/start");
        assertInvalid("{\"values\": [1], \"timestamps\": [1], \"start\": \"1970-01-01T00:00:00Z\"}", "/start");
        assertInvalid("{\"timestamps\": [1.5], \"values\": [1]}", "/timestamps/0");
        assertInvalid("{\"timestamps\": [1, 2], \"values\": [1, \"x\"]}", "/values/1");
        assertInvalid("{\"values\": [1, 1e999], \"timestamps\": [1, 2]}", "/values/1");
        assertInvalid("{\"colour\": 1}", "/colour");
    }

    @Test
    void a_string_longer_than_the_limit_is_refused_before_the_rest_of_it_is_read() {
        GeneratedBody body = new GeneratedBody("{\"timestamps\": [\"", 60 * MIB, i -> "9", "\"], \"values\": [1]}");
        ProblemException refused = assertRefused(body, IRREGULAR, JsonSamplesReader.TOKEN_TOO_LONG);
        assertEquals("/timestamps/0", refused.problem().errors().get(0).pointer());
        assertTrue(body.bytesRead() < MIB, "read " + body.bytesRead() + " bytes");
    }

    @Test
    void a_number_longer_than_the_limit_is_refused_before_the_rest_of_it_is_read() {
        GeneratedBody body =
                new GeneratedBody("{\"start\": \"1970-01-01T00:00:00Z\", \"values\": [1, 2", 60 * MIB, i -> "0", "]}");
        ProblemException refused = assertRefused(body, REGULAR, JsonSamplesReader.TOKEN_TOO_LONG);
        assertEquals("/values/1", refused.problem().errors().get(0).pointer());
        assertTrue(body.bytesRead() < MIB, "read " + body.bytesRead() + " bytes");
    }

    @Test
    void a_field_name_longer_than_the_limit_is_refused() {
        GeneratedBody body = new GeneratedBody("{\"", 60 * MIB, i -> "v", "\": 1}");
        assertRefused(body, REGULAR, JsonSamplesReader.TOKEN_TOO_LONG);
        assertTrue(body.bytesRead() < MIB, "read " + body.bytesRead() + " bytes");
    }

    @Test
    void the_longest_allowed_number_is_read() {
        String longest = "1." + "0".repeat(JsonSamplesReader.MAX_TOKEN_CHARS - 2);
        assertSamples(
                "{\"start\": \"1970-01-01T00:00:00Z\", \"values\": [" + longest + "]}",
                REGULAR,
                new long[] {0},
                new double[] {1});
    }

    @Test
    void malformed_json_is_described_without_the_parser_s_names() {
        for (String body : List.of(
                "{\"start\": \"1970-01-01T00:00:00Z\", \"values\": [NaN]}",
                "{}{}",
                "{\"timestamps\": [1], \"values\": [1], \"values\": [2]}",
                "{\"values\": [1,")) {
            ProblemException refused = assertRefused(json(body), REGULAR, "MALFORMED_BODY");
            String detail = refused.problem().detail();
            for (String leak : List.of("jackson", "Feature", "StreamRead", "JsonParser", "Exception", "`")) {
                assertFalse(detail.contains(leak), body + " -> " + detail);
            }
        }
    }

    private static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private void assertSamples(String body, SignalDefinition signal, long[] times, double[] values) {
        List<SampleBlock> blocks = readAll(json(body), signal);
        assertEquals(1, blocks.size(), body);
        assertArrayEquals(times, blocks.get(0).times(), body);
        assertArrayEquals(values, blocks.get(0).values(), body);
    }

    private void assertInvalid(String body, String pointer) {
        InvalidRequestException invalid =
                assertThrows(InvalidRequestException.class, () -> readAll(json(body), signalFor(body)), body);
        assertEquals(pointer, invalid.errors().get(0).pointer(), body + " -> " + invalid.getMessage());
    }

    private static SignalDefinition signalFor(String body) {
        return body.contains("start") ? REGULAR : IRREGULAR;
    }

    private ProblemException assertRefused(InputStream body, SignalDefinition signal, String code) {
        ProblemException refused = assertThrows(ProblemException.class, () -> readAll(body, signal));
        assertEquals(code, refused.problem().code(), refused.problem().detail());
        assertEquals(400, refused.problem().status());
        return refused;
    }

    private List<SampleBlock> readAll(InputStream body, SignalDefinition signal) {
        List<SampleBlock> blocks = new ArrayList<>();
        try (JsonSamplesReader reader = new JsonSamplesReader(body, signal, spool)) {
            reader.forEachRemaining(blocks::add);
        }
        return blocks;
    }
}
