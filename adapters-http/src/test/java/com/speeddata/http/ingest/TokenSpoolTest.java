package com.speeddata.http.ingest;

import com.speeddata.http.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenSpoolTest {
    @TempDir
    Path dir;

    @Test
    void a_small_array_stays_in_memory() throws IOException {
        try (TokenSpool spool = new TokenSpool(dir)) {
            spool.add("1");
            spool.add("n");
            assertEquals(0, files());
            assertEquals("1", spool.next());
            assertEquals("n", spool.next());
            assertNull(spool.next());
        }
    }

    @Test
    void a_large_array_spills_to_a_file_read_back_in_order_and_deleted_on_close() throws IOException {
        int n = TokenSpool.MEMORY_CHARS / 4;
        try (TokenSpool spool = new TokenSpool(dir)) {
            for (int i = 0; i < n; i++) {
                spool.add(Integer.toString(i));
            }
            assertEquals(1, files());
            assertEquals(n, spool.size());
            for (int i = 0; i < n; i++) {
                assertEquals(Integer.toString(i), spool.next());
            }
            assertNull(spool.next());
        }
        assertEquals(0, files());
    }

    @Test
    void a_spool_that_cannot_reach_its_disk_is_a_507_not_a_500() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        try (TokenSpool spool = new TokenSpool(notADirectory.resolve("spool"))) {
            ProblemException refused = assertThrows(ProblemException.class, () -> {
                for (int i = 0; i < TokenSpool.MEMORY_CHARS; i++) {
                    spool.add("1");
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
