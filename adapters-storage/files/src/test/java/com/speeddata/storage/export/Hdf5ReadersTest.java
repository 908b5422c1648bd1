package com.speeddata.storage.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.speeddata.pivot.export.Aggregate;
import com.speeddata.pivot.export.ExportColumn;
import com.speeddata.pivot.export.ExportPlan;
import com.speeddata.pivot.export.Fill;
import com.speeddata.pivot.export.Format;
import com.speeddata.pivot.export.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export files open with readers we did not write and no glue: xarray through h5netcdf (Debian's and, when its
 * venv exists, the newest), and the HDF5 library's h5dump.
 */
class Hdf5ReadersTest {
    static final long MS = Hdf5ExportSinkTest.MS;
    static final ExportColumn EMPTY_UNIT = Plans.column("ch2", "count", "", 10.0, Fill.PREVIOUS, Aggregate.LAST);

    /** What xarray_check.py prints for the three-signal file, less the datatree lines. */
    static final List<String> EXPECTED = List.of(
            "group\tch1",
            "coord\tch1\ttime\ttime\t<M8[ns]",
            "var\tch1\tcurrent\ttime\t<f8\tA",
            "var\tch1\tvoltage\ttime\t<f8\tV",
            "time\tch1\t2025-01-23T14:00:00.000000000\t2025-01-23T14:00:00.999000000\t1000",
            "group\tch2",
            "coord\tch2\ttime\ttime\t<M8[ns]",
            "var\tch2\tcount\ttime\t<f8\t",
            "var\tch2\ttemp\ttime\t<f8\t°C",
            "time\tch2\t2025-01-23T14:00:00.000000000\t2025-01-23T14:00:00.999000000\t1000");

    @TempDir
    Path dir;

    private Path writeAligned(long rows) throws Exception {
        ExportPlan plan = Plans.aligned(
                Format.HDF5,
                rows,
                MS,
                Hdf5ExportSinkTest.VOLTAGE,
                Hdf5ExportSinkTest.CURRENT,
                Hdf5ExportSinkTest.TEMP,
                EMPTY_UNIT);
        Path file = dir.resolve("aligned.h5");
        new Hdf5ExportSink(Hdf5ExportSinkTest.CLOCK, 64)
                .write(plan, new SyntheticSource(plan), file, ProgressListener.NONE);
        return file;
    }

    @Test
    void debian_xarray_opens_each_channel_with_every_signal_on_a_datetime_time_coordinate() throws Exception {
        List<String> lines = Xarray.check(Xarray.DEBIAN_PYTHON, writeAligned(1000));

        assertEquals(
                EXPECTED,
                lines.stream().filter(line -> !line.startsWith("tree")).toList(),
                "no phony dimensions, no warnings");
    }

    @Test
    void the_newest_xarray_opens_each_channel_and_the_whole_file_as_a_datatree() throws Exception {
        Path python = Xarray.newestPython();
        assumeTrue(python.toFile().canExecute(), python + " missing (clients/python/run-tests --newest makes it)");

        List<String> lines = Xarray.check(python, writeAligned(1000));

        assertEquals(
                EXPECTED,
                lines.stream().filter(line -> !line.startsWith("tree")).toList());
        assertEquals(
                List.of(
                        "tree\t/\ttime\ttime\t<M8[ns]",
                        "tree\t/ch1\tcurrent\ttime\t<f8",
                        "tree\t/ch1\ttime\ttime\t<M8[ns]",
                        "tree\t/ch1\tvoltage\ttime\t<f8",
                        "tree\t/ch2\tcount\ttime\t<f8",
                        "tree\t/ch2\ttemp\ttime\t<f8",
                        "tree\t/ch2\ttime\ttime\t<M8[ns]"),
                lines.stream().filter(line -> line.startsWith("tree")).toList());
    }

    /** What xarray_check.py prints for a two-signal file exported with quality flags. */
    static final List<String> EXPECTED_WITH_QUALITY = List.of(
            "group\tch1",
            "coord\tch1\ttime\ttime\t<M8[ns]",
            "var\tch1\tvoltage\ttime\t<f8\tV",
            "var\tch1\tvoltage:quality\ttime\t|u1\t-",
            "time\tch1\t2025-01-23T14:00:00.000000000\t2025-01-23T14:00:00.099000000\t100",
            "group\tch2",
            "coord\tch2\ttime\ttime\t<M8[ns]",
            "var\tch2\ttemp\ttime\t<f8\t°C",
            "var\tch2\ttemp:quality\ttime\t|u1\t-",
            "time\tch2\t2025-01-23T14:00:00.000000000\t2025-01-23T14:00:00.099000000\t100");

    private Path writeWithQuality(long rows) throws Exception {
        ExportPlan aligned = Plans.aligned(Format.HDF5, rows, MS, Hdf5ExportSinkTest.VOLTAGE, Hdf5ExportSinkTest.TEMP);
        ExportPlan plan = new ExportPlan(
                aligned.range(), aligned.layout(), aligned.format(), aligned.intervalNs(), aligned.columns(), true);
        Path file = dir.resolve("quality.h5");
        new Hdf5ExportSink(Hdf5ExportSinkTest.CLOCK, 64)
                .write(plan, new SyntheticSource(plan), file, ProgressListener.NONE);
        return file;
    }

    @Test
    void debian_xarray_shows_each_quality_variable_on_the_time_dimension() throws Exception {
        List<String> lines = Xarray.check(Xarray.DEBIAN_PYTHON, writeWithQuality(100));

        assertEquals(
                EXPECTED_WITH_QUALITY,
                lines.stream().filter(line -> !line.startsWith("tree")).toList(),
                "the flags on time beside their signal, no phony dimensions, no warnings");
    }

    @Test
    void the_newest_xarray_shows_each_quality_variable_on_the_time_dimension() throws Exception {
        Path python = Xarray.newestPython();
        assumeTrue(python.toFile().canExecute(), python + " missing (clients/python/run-tests --newest makes it)");

        List<String> lines = Xarray.check(python, writeWithQuality(100));

        assertEquals(
                EXPECTED_WITH_QUALITY,
                lines.stream().filter(line -> !line.startsWith("tree")).toList());
        assertTrue(lines.contains("tree\t/ch1\tvoltage:quality\ttime\t|u1"), String.join("\n", lines));
    }

    @Test
    void h5dump_reads_the_dimension_scale_references_and_variable_length_strings() throws Exception {
        String dump = H5dump.dump(writeAligned(10));

        assertTrue(dump.contains("DATATYPE  H5T_VLEN { H5T_REFERENCE { H5T_STD_REF_OBJECT }}"), dump);
        assertTrue(
                Pattern.compile("\\(0\\): \\(DATASET \\d+ \"/ch\\d/time\"\\)")
                        .matcher(dump)
                        .find(),
                "DIMENSION_LIST resolves to the time scale");
        for (String path : List.of("/ch1/voltage", "/ch1/current", "/ch2/temp", "/ch2/count")) {
            assertTrue(
                    Pattern.compile("DATASET \\d+ \"" + path + "\",\\s+0\\s+}")
                            .matcher(dump)
                            .find(),
                    path + " in REFERENCE_LIST");
        }
        assertTrue(
                Pattern.compile("STRSIZE H5T_VARIABLE;\\s+STRPAD H5T_STR_NULLTERM;\\s+CSET H5T_CSET_UTF8;")
                        .matcher(dump)
                        .find(),
                "variable-length UTF-8 strings");
        assertTrue(dump.contains("\"DIMENSION_SCALE\""), dump);
        assertTrue(dump.contains("(0): \"nanoseconds since 1970-01-01T00:00:00Z\""), dump); // (h5dump escapes °C)
    }

    @Test
    void h5dump_reads_the_raw_layout() throws Exception {
        ExportPlan plan = Plans.raw(Format.HDF5, 10 * MS, Hdf5ExportSinkTest.VOLTAGE, EMPTY_UNIT);
        Path file = dir.resolve("raw.h5");
        new Hdf5ExportSink(Hdf5ExportSinkTest.CLOCK, 64)
                .write(
                        plan,
                        new SyntheticSource(plan)
                                .raw(
                                        Hdf5ExportSinkTest.VOLTAGE.key(),
                                        new long[] {Plans.START, Plans.START + 7},
                                        new double[] {1.5, 2.5}),
                        file,
                        ProgressListener.NONE);

        String dump = H5dump.dump(file);

        assertTrue(dump.contains("GROUP \"voltage\""), dump);
        assertTrue(dump.contains("(0): 1.5, 2.5"), dump);
        assertTrue(dump.contains("\"nanoseconds since 1970-01-01T00:00:00Z\""), dump);
    }
}
