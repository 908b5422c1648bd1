package com.speeddata.storage.export;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Reads HDF5 files with a reader we did not write: Debian's h5py (the HDF5 C library) under /usr/bin/python3,
 * through {@code export/h5summary.py}. Without it the calling test is skipped, unless {@code REQUIRE_H5PY=1}
 * (as in CI), where it fails.
 */
final class H5py {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Boolean available;

    private H5py() {}

    /** What h5py sees in {@code file}; {@code indices} name elements to report bit for bit (negative from the end). */
    static Summary summarize(Path file, long... indices) throws IOException, InterruptedException {
        requireAvailable();
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-", file.toString()));
        for (long index : indices) {
            command.add(Long.toString(index));
        }
        Path errors = Files.createTempFile("h5summary", ".err");
        Process process =
                new ProcessBuilder(command).redirectError(errors.toFile()).start();
        try (InputStream script = H5py.class.getResourceAsStream("/export/h5summary.py")) {
            process.getOutputStream().write(script.readAllBytes());
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("h5py could not read " + file + ":\n" + Files.readString(errors));
            }
        } finally {
            Files.deleteIfExists(errors);
        }
        return Summary.parse(new String(out, StandardCharsets.UTF_8));
    }

    /** What {@code code} prints, run by Debian's python with {@code h5py} imported and {@code f} the open file. */
    static String eval(Path file, String code) throws IOException, InterruptedException {
        requireAvailable();
        String script = "import sys, h5py\nwith h5py.File(sys.argv[1], 'r') as f:\n    " + code + "\n";
        Process process = new ProcessBuilder(PYTHON.toString(), "-c", script, file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("h5py could not read " + file + ":\n" + out);
        }
        return out.strip();
    }

    private static synchronized void requireAvailable() throws IOException, InterruptedException {
        if (available == null) {
            available = Files.isExecutable(PYTHON)
                    && new ProcessBuilder(PYTHON.toString(), "-c", "import h5py")
                                    .redirectErrorStream(true)
                                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                    .start()
                                    .waitFor()
                            == 0;
        }
        if (!available) {
            String why = PYTHON + " with h5py (Debian package python3-h5py) is not installed";
            if ("1".equals(System.getenv("REQUIRE_H5PY"))) {
                fail(why + ", and REQUIRE_H5PY=1 requires it");
            }
            assumeTrue(false, why + "; skipped (set REQUIRE_H5PY=1 to fail instead)");
        }
    }

    record Dataset(String dtype, String shape, String layout, String sha256, Map<Long, Long> elements) {}

    record Attr(String kind, String value) {
        double asDouble() {
            return Double.longBitsToDouble(Long.parseUnsignedLong(value, 16));
        }

        long asLong() {
            return Long.parseLong(value);
        }
    }

    record Summary(Set<String> groups, Map<String, Dataset> datasets, Map<String, Map<String, Attr>> attrs) {
        static Summary parse(String text) {
            Set<String> groups = new TreeSet<>();
            Map<String, Dataset> datasets = new TreeMap<>();
            Map<String, Map<String, Attr>> attrs = new TreeMap<>();
            for (String line : text.split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "group" -> groups.add(f[1]);
                    case "dataset" -> datasets.put(f[1], new Dataset(f[2], f[3], f[4], f[5], new HashMap<>()));
                    case "element" ->
                        datasets.get(f[1]).elements().put(Long.parseLong(f[2]), Long.parseUnsignedLong(f[3], 16));
                    case "attr" ->
                        attrs.computeIfAbsent(f[1], k -> new TreeMap<>()).put(f[2], new Attr(f[3], f[4]));
                    default -> throw new IllegalArgumentException("unexpected line from h5summary.py: " + line);
                }
            }
            return new Summary(groups, datasets, attrs);
        }

        Attr attr(String path, String name) {
            Attr attr = attrs.getOrDefault(path, Map.of()).get(name);
            if (attr == null) {
                fail("no attribute " + name + " on " + path + "; there are " + attrs.get(path));
            }
            return attr;
        }

        Map<String, Attr> attrsOf(String path) {
            return attrs.getOrDefault(path, Map.of());
        }
    }
}
