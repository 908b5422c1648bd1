package com.speeddata.storage.pivot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.speeddata.storage.OnEachDatabase;
import com.speeddata.storage.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * What {@link StoredBytes} counts on from each driver: a bytea column's binary stream is a plain
 * {@link ByteArrayInputStream}, so its bytes come without a copy. Should a driver change that, the bytes are still
 * right (copied) and this test says the saving is gone.
 */
@OnEachDatabase
class StoredBytesDriverTest {
    private final TestDatabase db;

    StoredBytesDriverTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void a_bytea_value_streams_from_an_array_and_reads_back_whole() throws Exception {
        byte[] value = new byte[65_536];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 13);
        }
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT CAST(? AS bytea), CAST(NULL AS bytea)")) {
            s.setBytes(1, value);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                try (InputStream in = rs.getBinaryStream(1)) {
                    assertEquals(ByteArrayInputStream.class, in.getClass());
                }
                assertArrayEquals(value, StoredBytes.of(rs, 1));
                assertNull(StoredBytes.of(rs, 2));
            }
        }
    }
}
