package com.speeddata.storage.export;

import com.speeddata.pivot.export.ExportColumn;
import com.speeddata.pivot.export.ExportPlan;
import com.speeddata.pivot.export.ExportSink;
import com.speeddata.pivot.export.Format;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Writes one aligned export of a chosen size from a synthetic source and prints throughput and peak heap. Not a
 * test: speed is printed, never asserted.
 *
 * <pre>
 * mvn -q -o -pl adapters-storage/files -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/export-bench.cp -Dmdep.includeScope=test
 * java -Xmx256m -cp adapters-storage/files/target/test-classes:adapters-storage/files/target/classes:$(cat /tmp/export-bench.cp) \
 *     com.speeddata.storage.export.Hdf5SinkBench /tmp/bench.h5 2g 4 [hdf5|csv] [--sync] [--keep]
 * </pre>
 *
 * Arguments: target file (must not exist), data size ({@code 500m}, {@code 2g}, {@code 3000000000}), signal
 * columns besides {@code /time} (default 4), format (default hdf5), {@code --sync} to include an fsync of the
 * file in the time (else a file smaller than free RAM mostly measures the page cache), {@code --keep} to keep the
 * file. For HDF5 the data size is exact: rows = size / (8 * (columns + 1)). The file is deleted unless kept.
 */
public final class Hdf5SinkBench {
    private Hdf5SinkBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Hdf5SinkBench TARGET SIZE [COLUMNS] [hdf5|csv] [--sync] [--keep]");
            System.exit(2);
        }
        Path target = Path.of(args[0]);
        long size = parseSize(args[1]);
        int columns = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Format format = args.length > 3 && args[3].equals("csv") ? Format.CSV : Format.HDF5;
        boolean keep = List.of(args).contains("--keep");
        boolean sync = List.of(args).contains("--sync");

        long rows = size / (8L * (columns + 1));
        ExportColumn[] signals = new ExportColumn[columns];
        for (int c = 0; c < columns; c++) {
            signals[c] = Plans.column("ch" + c / 8, "signal_" + c);
        }
        ExportPlan plan = Plans.aligned(format, rows, 1_000_000L, signals);
        ExportSink sink = format == Format.HDF5 ? new Hdf5ExportSink(Clock.systemUTC()) : new CsvExportSink();

        System.gc();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long[] sampledPeak = {0};
        long start = System.nanoTime();
        sink.write(plan, new SyntheticSource(plan), target, (fraction, message) -> {
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            sampledPeak[0] = Math.max(sampledPeak[0], used);
        });
        if (sync) {
            try (FileChannel written = FileChannel.open(target, StandardOpenOption.WRITE)) {
                written.force(true);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        long fileBytes = Files.size(target);
        long poolPeaks =
                heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
        System.out.printf(
                Locale.ROOT,
                "format %s, %d rows x %d columns + time, file %,d bytes (%.2f GiB)%n",
                format.wireName(),
                rows,
                columns,
                fileBytes,
                fileBytes / (double) (1L << 30));
        System.out.printf(
                Locale.ROOT,
                "wrote in %.1f s%s: %.0f MB/s (%.0f MiB/s)%n",
                seconds,
                sync ? " including fsync" : " (no fsync)",
                fileBytes / 1e6 / seconds,
                fileBytes / (double) (1 << 20) / seconds);
        System.out.printf(
                Locale.ROOT,
                "heap: max %d MiB; peak used %.1f MiB (sum of heap pool peaks), %.1f MiB"
                        + " (largest sample at progress reports); direct buffers %.1f MiB%n",
                Runtime.getRuntime().maxMemory() >> 20,
                poolPeaks / (double) (1 << 20),
                sampledPeak[0] / (double) (1 << 20),
                direct / (double) (1 << 20));
        if (keep) {
            System.out.println("kept " + target);
        } else {
            Files.delete(target);
        }
    }

    private static long parseSize(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        long unit =
                switch (t.charAt(t.length() - 1)) {
                    case 'k' -> 1L << 10;
                    case 'm' -> 1L << 20;
                    case 'g' -> 1L << 30;
                    default -> 1;
                };
        return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }
}
