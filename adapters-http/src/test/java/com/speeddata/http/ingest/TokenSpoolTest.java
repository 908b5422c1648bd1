package com.speeddata.http.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.http.problem.ProblemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSpoolTest {
    private static final long[] TIMES = {
        0,
        1,
        -1,
        9,
        10,
        1_737_640_800_000_000_000L,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        -1_737_640_800_000_000_000L,
        127,
        128,
        16_383,
        16_384
    };

    @TempDir
    Path dir;

    @Test
    void a_small_array_stays_in_memory() throws IOException {
        try (TokenSpool spool = new TokenSpool(dir)) {
            spool.addText("1.5");
            spool.addText("n");
            assertEquals(0, files());
            assertEquals("1.5", spool.nextText());
            assertEquals("n", spool.nextText());
            assertFalse(spool.hasNext());
        }
    }

    @Test
    void times_come_back_exactly_from_memory_and_from_the_file() throws IOException {
        int rounds = TokenSpool.MEMORY_BYTES / 40;
        try (TokenSpool spool = new TokenSpool(dir)) {
            for (int r = 0; r < rounds; r++) {
                for (long time : TIMES) {
                    spool.addTime(time + r);
                }
            }
            assertEquals(1, files(), "beyond memory the spool is a file");
            assertEquals((long) rounds * TIMES.length, spool.size());
            for (int r = 0; r < rounds; r++) {
                for (long time : TIMES) {
                    assertEquals(time + r, spool.nextTime());
                }
            }
            assertFalse(spool.hasNext());
        }
        assertEquals(0, files(), "closing deletes the file");
    }

    @Test
    void a_time_takes_no_more_bytes_than_its_json_integer_and_comma() throws IOException {
        for (long time : TIMES) {
            try (TokenSpool spool = new TokenSpool(dir)) {
                int json = Long.toString(time).length() + 1;
                for (int i = 0; i < TokenSpool.MEMORY_BYTES / json + 1; i++) {
                    spool.addTime(time);
                }
                assertEquals(0, files(), time + " took more than " + json + " bytes");
            }
        }
    }

    @Test
    void texts_come_back_exactly_from_the_file() throws IOException {
        int n = TokenSpool.MEMORY_BYTES / 4;
        try (TokenSpool spool = new TokenSpool(dir)) {
            for (int i = 0; i < n; i++) {
                spool.addText(i + "e-3");
            }
            assertEquals(1, files());
            for (int i = 0; i < n; i++) {
                assertEquals(i + "e-3", spool.nextText());
            }
            assertFalse(spool.hasNext());
        }
    }

    @Test
    void a_spool_that_cannot_reach_its_disk_is_a_507_not_a_500() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        try (TokenSpool spool = new TokenSpool(notADirectory.resolve("spool"))) {
            ProblemException refused = assertThrows(ProblemException.class, () -> {
                for (int i = 0; i < TokenSpool.MEMORY_BYTES; i++) {
                    spool.addText("1");
                }
            });
            assertEquals(507, refused.problem().status());
            assertEquals("INSUFFICIENT_STORAGE", refused.problem().code());
        }
    }

    @Test
    void leftovers_of_a_killed_process_are_cleared() throws IOException {
        Files.writeString(dir.resolve("ingest-1.spool"), "1\n");
        Files.writeString(dir.resolve("keep.txt"), "x");
        TokenSpool.clearLeftovers(dir);
        assertEquals(1, files());
        assertTrue(Files.exists(dir.resolve("keep.txt")));
    }

    private long files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
