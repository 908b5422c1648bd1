package com.speeddata.storage.pivot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** scripts/PostgresFloor.java reads as an export's cursor does: it holds copies of the SQL, kept equal here. */
class ChunkTableSqlTest {
    private static final Path FLOOR = Path.of("../../scripts/PostgresFloor.java");

    @Test
    void the_plain_read_benchmark_runs_the_cursor_s_queries_and_page_size() throws IOException {
        String source = Files.readString(FLOOR);
        assertTrue(source.contains('"' + ChunkTable.RANGE_PAGE + '"'), "RANGE_PAGE differs in " + FLOOR);
        assertTrue(
                source.contains('"' + ChunkTable.LAST_STARTING_AT_OR_BEFORE + '"'),
                "LAST_STARTING_AT_OR_BEFORE differs in " + FLOOR);
        assertTrue(
                source.contains("PAGE_CHUNKS = " + ChunkCursor.PAGE_CHUNKS + ";"), "PAGE_CHUNKS differs in " + FLOOR);
    }
}
