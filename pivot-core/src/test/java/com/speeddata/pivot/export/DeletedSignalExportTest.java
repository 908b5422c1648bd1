package com.speeddata.pivot.export;

import static com.speeddata.pivot.export.Fixtures.MS;
import static com.speeddata.pivot.export.Fixtures.aligned;
import static com.speeddata.pivot.export.Fixtures.column;
import static com.speeddata.pivot.export.Fixtures.define;
import static com.speeddata.pivot.export.Fixtures.key;
import static com.speeddata.pivot.export.Fixtures.writeRegular;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.speeddata.pivot.UnknownNamesException;
import com.speeddata.pivot.testing.InMemoryStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An export reading a signal that gets deleted fails with {@link UnknownNamesException} (a job then fails as
 * UNKNOWN_SIGNAL) rather than writing a column that silently ends where the deletion cut it.
 */
class DeletedSignalExportTest {

    @Test
    void a_column_whose_signal_is_deleted_while_it_is_read_fails_as_unknown_signal() {
        InMemoryStore store = new InMemoryStore(4);
        define(store, "ch1/a", 1000.0);
        double[] values = new double[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        writeRegular(store, "ch1/a", 0, MS, values);
        ExportPlan plan = aligned(0, 100 * MS, MS, column(store, "ch1/a", Fill.NONE, Aggregate.MEAN));
        StoreExportSource source = new StoreExportSource(plan, store);
        try (DoubleBlockSource column = source.alignedColumn(plan.columns().get(0))) {
            double[] buffer = new double[10];
            assertEquals(10, column.read(buffer));
            store.delete(key("ch1/a"));
            UnknownNamesException e = assertThrows(UnknownNamesException.class, () -> {
                while (column.read(buffer) > 0) {
                    // reads on until the column notices
                }
            });
            assertEquals(List.of("ch1/a"), e.names());
        }
    }
}
