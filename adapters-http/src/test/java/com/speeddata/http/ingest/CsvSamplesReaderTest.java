package com.speeddata.http.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.http.problem.ProblemException;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.sample.SampleBlock;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvSamplesReaderTest {
    private static final long MIB = 1 << 20;

    @Test
    void a_line_longer_than_the_limit_is_refused_before_the_rest_of_it_is_read() {
        GeneratedBody body = new GeneratedBody("timestamp,value\n", 64 * MIB - 16, i -> "1", "");
        ProblemException refused = assertThrows(ProblemException.class, () -> readAll(body));
        assertEquals(400, refused.problem().status());
        assertEquals(CsvSamplesReader.LINE_TOO_LONG, refused.problem().code());
        assertEquals("/line/2", refused.problem().errors().get(0).pointer());
        assertTrue(body.bytesRead() < MIB, "read " + body.bytesRead() + " bytes");
    }

    @Test
    void a_header_longer_than_the_limit_is_refused_as_line_1() {
        GeneratedBody body = new GeneratedBody("timestamp,value", 10 * MIB, i -> " ", "\n1,2\n");
        ProblemException refused = assertThrows(ProblemException.class, () -> readAll(body));
        assertEquals("/line/1", refused.problem().errors().get(0).pointer());
    }

    @Test
    void a_line_at_the_limit_is_read() {
        String line = "7," + " ".repeat(CsvSamplesReader.MAX_LINE_CHARS - 3) + "5";
        List<SampleBlock> blocks = readAll(csv("timestamp,value\n" + line + "\n"));
        assertArrayEquals(new long[] {7}, blocks.get(0).times());
        assertArrayEquals(new double[] {5}, blocks.get(0).values());
    }

    @Test
    void lines_end_at_lf_crlf_or_cr_and_blank_lines_are_skipped() {
        List<SampleBlock> blocks = readAll(csv("\uFEFFtimestamp,value\r\n1,10\r\n\r\n2,20\r3,30\n\n4,40"));
        assertArrayEquals(new long[] {1, 2, 3, 4}, blocks.get(0).times());
        assertArrayEquals(new double[] {10, 20, 30, 40}, blocks.get(0).values());
    }

    @Test
    void a_bad_line_is_named_by_its_number() {
        InvalidRequestException invalid =
                assertThrows(InvalidRequestException.class, () -> readAll(csv("timestamp,value\r\n1,10\r\n\r\n2,x\n")));
        assertEquals("/line/4", invalid.errors().get(0).pointer());
    }

    @Test
    void a_large_body_is_read_a_block_at_a_time() {
        GeneratedBody body = new GeneratedBody("timestamp,value\n", 3_000_000, i -> i + ",1.5\n", "");
        try (CsvSamplesReader reader = new CsvSamplesReader(body)) {
            assertEquals(JsonSamplesReader.BLOCK_SIZE, reader.next().size());
            assertTrue(body.bytesRead() < 2 * MIB, "read " + body.bytesRead() + " bytes for the first block");
            long samples = JsonSamplesReader.BLOCK_SIZE;
            while (reader.hasNext()) {
                samples += reader.next().size();
            }
            assertEquals(3_000_000, samples);
        }
    }

    private static InputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<SampleBlock> readAll(InputStream body) {
        List<SampleBlock> blocks = new ArrayList<>();
        try (CsvSamplesReader reader = new CsvSamplesReader(body)) {
            reader.forEachRemaining(blocks::add);
        }
        return blocks;
    }
}
