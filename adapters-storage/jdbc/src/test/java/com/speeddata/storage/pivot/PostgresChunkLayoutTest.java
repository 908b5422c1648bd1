package com.speeddata.storage.pivot;

import com.speeddata.storage.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresChunkLayoutTest extends ChunkLayoutContract {
    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    protected TestDatabase db() {
        return db;
    }
}
