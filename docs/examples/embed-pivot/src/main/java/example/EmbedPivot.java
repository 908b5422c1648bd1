package example;

import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.export.ExportPivot;
import com.speeddata.pivot.export.ExportPlan;
import com.speeddata.pivot.export.ExportRequest;
import com.speeddata.pivot.export.Format;
import com.speeddata.pivot.export.Layout;
import com.speeddata.pivot.export.ProgressListener;
import com.speeddata.pivot.export.SignalReceipt;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.testing.InMemorySignalStores;
import com.speeddata.pivot.time.TimeRangeSpec;
import com.speeddata.storage.export.Hdf5ExportSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Aligns two in-memory signals, one regular (10 Hz) and one irregular, on a 100 ms grid over one second and
 * writes them to an HDF5 file: {@code /time} and {@code /rig1/voltage}, {@code /rig1/temp}, 10 rows each.
 */
public final class EmbedPivot {
    private static final String TENANT = "demo";
    private static final long MS = 1_000_000L;

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args.length > 0 ? args[0] : "aligned.h5");
        long start = Instant.parse("2025-01-23T14:00:00Z").toEpochMilli() * MS;

        InMemorySignalStores stores = new InMemorySignalStores();
        SignalKey voltage = new SignalKey("rig1", "voltage");
        SignalKey temp = new SignalKey("rig1", "temp");
        stores.catalog(TENANT).define(new SignalDefinition(voltage, "V", 10.0, "regular, 10 Hz"));
        stores.catalog(TENANT).define(new SignalDefinition(temp, "degC", null, "irregular"));

        long[] voltageTimes = new long[10];
        double[] voltageValues = new double[10];
        for (int i = 0; i < 10; i++) {
            voltageTimes[i] = start + i * 100 * MS;
            voltageValues[i] = 230.0 + i;
        }
        stores.samples(TENANT).write(voltage, List.of(new SampleBlock(voltageTimes, voltageValues)).iterator());
        long[] tempTimes = {start, start + 400 * MS, start + 900 * MS};
        double[] tempValues = {20.0, 22.0, 24.5};
        stores.samples(TENANT).write(temp, List.of(new SampleBlock(tempTimes, tempValues)).iterator());

        // Aligned HDF5 over [start, start + 1 s); the grid interval and linear fill are the defaults.
        ExportRequest request = new ExportRequest(
                new TimeRangeSpec.StartDuration(start, 1000 * MS),
                List.of("rig1"),
                null,
                null,
                Format.HDF5,
                Layout.ALIGNED,
                null,
                null,
                null);
        Clock clock = Clock.systemUTC();
        ExportPivot pivot = new ExportPivot(stores, clock, List.of(new Hdf5ExportSink(clock)), Long.MAX_VALUE);
        ExportPlan plan = pivot.prepare(TENANT, request).plan();
        List<SignalReceipt> receipts = pivot.write(TENANT, plan, target, ProgressListener.NONE);

        System.out.println("wrote " + target + ": " + plan.gridRows() + " rows every " + plan.intervalNs() / MS + " ms");
        for (SignalReceipt receipt : receipts) {
            System.out.println("  " + receipt.key().path() + ": " + receipt.observedCells() + " observed, "
                    + receipt.filledCells() + " filled, " + receipt.missingCells() + " missing");
        }
    }
}
