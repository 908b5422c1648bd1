package com.speeddata.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Reads HDF5 files with Debian's h5py, a reader we did not write. Skips when it is missing, unless
 * REQUIRE_H5PY=1 (as in CI), when a missing h5py fails the test.
 */
final class H5py {
    private static final String PYTHON = "/usr/bin/python3";

    private H5py() {}

    static JsonNode summarize(Path file) {
        requireAvailable();
        try {
            Path script = Files.createTempFile("h5summary", ".py");
            try (InputStream in = H5py.class.getResourceAsStream("/h5summary.py")) {
                Files.write(script, in.readAllBytes());
            }
            Process process = new ProcessBuilder(PYTHON, script.toString(), file.toString())
                    .redirectErrorStream(false)
                    .start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new AssertionError("h5py could not read " + file + ": " + err);
            }
            Files.delete(script);
            return RunningServer.JSON.readTree(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void requireAvailable() {
        boolean available;
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import h5py").start();
            available = probe.waitFor(1, TimeUnit.MINUTES) && probe.exitValue() == 0;
        } catch (IOException e) {
            available = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            available = false;
        }
        if (!available && "1".equals(System.getenv("REQUIRE_H5PY"))) {
            throw new AssertionError("REQUIRE_H5PY=1 but " + PYTHON + " cannot import h5py");
        }
        Assumptions.assumeTrue(available, "h5py is not installed (apt-get install python3-h5py)");
    }
}
