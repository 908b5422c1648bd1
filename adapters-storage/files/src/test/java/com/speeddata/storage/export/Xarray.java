package com.speeddata.storage.export;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens HDF5 files with xarray through h5netcdf, readers we did not write, via {@code export/xarray_check.py}:
 * Debian's python3-xarray and python3-h5netcdf under /usr/bin/python3, and, when present, the newest ones in the
 * Python client's venv ({@code SPEEDDATA_NEWEST_VENV}, default {@code ~/.cache/speeddata/client-newest}, made by
 * {@code clients/python/run-tests --newest}). Debian's missing: skipped, unless {@code REQUIRE_H5PY=1} (as in CI),
 * where it fails.
 */
final class Xarray {
    static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    private Xarray() {}

    /** The venv python with the newest xarray, if that venv exists. */
    static Path newestPython() {
        String venv = System.getenv()
                .getOrDefault(
                        "SPEEDDATA_NEWEST_VENV", System.getProperty("user.home") + "/.cache/speeddata/client-newest");
        return Path.of(venv, "bin", "python");
    }

    /** The lines {@code xarray_check.py} prints for {@code file} under {@code python}. */
    static List<String> check(Path python, Path file) throws IOException, InterruptedException {
        requireAvailable(python);
        Path errors = Files.createTempFile("xarray_check", ".err");
        Process process = new ProcessBuilder(python.toString(), "-", file.toString())
                .redirectError(errors.toFile())
                .start();
        try (InputStream script = Xarray.class.getResourceAsStream("/export/xarray_check.py")) {
            process.getOutputStream().write(script.readAllBytes());
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("xarray (" + python + ") could not open " + file + ":\n" + Files.readString(errors));
            }
        } finally {
            Files.deleteIfExists(errors);
        }
        List<String> lines = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static void requireAvailable(Path python) throws IOException, InterruptedException {
        boolean available = Files.isExecutable(python)
                && new ProcessBuilder(python.toString(), "-c", "import h5py, h5netcdf, xarray")
                                .redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .start()
                                .waitFor()
                        == 0;
        if (!available) {
            String why = python + " with xarray and h5netcdf is not installed";
            if (python.equals(DEBIAN_PYTHON) && "1".equals(System.getenv("REQUIRE_H5PY"))) {
                fail(why + " (Debian packages python3-xarray, python3-h5netcdf), and REQUIRE_H5PY=1 requires it");
            }
            assumeTrue(false, why + "; skipped");
        }
    }
}
