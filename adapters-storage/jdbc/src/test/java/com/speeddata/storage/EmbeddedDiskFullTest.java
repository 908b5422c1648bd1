package com.speeddata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.storage.files.SmallFilesystem;
import com.speeddata.storage.pivot.JdbcCatalog;
import com.speeddata.storage.pivot.JdbcSampleStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database on a filesystem that fills up, for real (a 20 MiB tmpfs): writes fail as "unavailable",
 * readiness sees it, and once space is freed the database works again in the same process.
 */
class EmbeddedDiskFullTest {
    private static final SignalKey KEY = new SignalKey("rig", "voltage");

    @Test
    void embedded_database_on_a_full_disk_reports_not_ready_and_recovers_once_space_is_freed(@TempDir Path dir)
            throws Exception {
        try (SmallFilesystem disk = SmallFilesystem.mount(dir.resolve("small"), 20)) {
            Path filler = disk.path().resolve("filler");
            try (Database db = Database.open(null, disk.path().resolve("data"))) {
                JdbcCatalog catalog = new JdbcCatalog(db.dataSource(), "local");
                JdbcSampleStore samples = new JdbcSampleStore(db.dataSource(), "local");
                catalog.define(new SignalDefinition(KEY, "V", 10.0, ""));
                write(samples, 0);
                assertTrue(db.isReachable());

                disk.fill(filler);
                StoreException full = assertThrows(
                        StoreException.class,
                        () -> {
                            for (int i = 1; i <= 40; i++) {
                                write(samples, i);
                            }
                        },
                        "writes fail once the disk is full");
                assertInstanceOf(DatabaseUnavailableException.class, full, "503, not 500: " + full);
                // H2 closed itself on the write error. Whether the next connection could reopen it on the full disk
                // or not, readiness says what a request would find.
                boolean reads;
                try {
                    catalog.find(KEY);
                    reads = true;
                } catch (DatabaseUnavailableException closed) {
                    reads = false;
                }
                assertEquals(reads, db.isReachable(), "ready exactly when the database answers");
                StoreException again = assertThrows(StoreException.class, () -> write(samples, 50));
                assertInstanceOf(DatabaseUnavailableException.class, again, again.toString());

                Files.delete(filler);
                assertTrue(eventually(db::isReachable), "ready again once space is back");
                write(samples, 100);
                assertTrue(catalog.find(KEY).orElseThrow().stats().samples() >= 2 * 50_000);
            }
        }
    }

    private static void write(JdbcSampleStore samples, int block) {
        Random random = new Random(block);
        int n = 50_000;
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = (block * (long) n + i) * 100_000_000L;
            values[i] = random.nextDouble();
        }
        samples.write(KEY, List.of(new SampleBlock(times, values)).iterator());
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
