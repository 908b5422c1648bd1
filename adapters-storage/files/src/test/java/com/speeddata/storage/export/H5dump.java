package com.speeddata.storage.export;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Dumps HDF5 files with the HDF5 library's own {@code h5dump} (Debian package hdf5-tools), which reads every
 * object, attribute and reference. Missing: skipped, unless {@code REQUIRE_H5PY=1} (as in CI), where it fails.
 */
final class H5dump {
    static final Path H5DUMP = Path.of("/usr/bin/h5dump");

    private H5dump() {}

    /** h5dump's whole text of {@code file} (data included); fails when h5dump reports an error. */
    static String dump(Path file) throws IOException, InterruptedException {
        if (!Files.isExecutable(H5DUMP)) {
            String why = H5DUMP + " (Debian package hdf5-tools) is not installed";
            if ("1".equals(System.getenv("REQUIRE_H5PY"))) {
                fail(why + ", and REQUIRE_H5PY=1 requires it");
            }
            assumeTrue(false, why + "; skipped");
        }
        Process process = new ProcessBuilder(H5DUMP.toString(), file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || out.contains("h5dump error")) {
            fail("h5dump could not read " + file + ":\n" + out);
        }
        return out;
    }
}
