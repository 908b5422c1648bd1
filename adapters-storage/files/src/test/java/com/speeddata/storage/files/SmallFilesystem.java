package com.speeddata.storage.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real filesystem of a few megabytes (tmpfs) mounted on a directory, so that tests see a disk run full for real
 * (ENOSPC from the kernel). Needs root (or CAP_SYS_ADMIN): where the mount is refused, the test is skipped with a
 * message saying so. Always unmounted by {@link #close}.
 */
public final class SmallFilesystem implements AutoCloseable {
    private final Path mountPoint;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code megabytes} on {@code directory} (created if missing), or skips the test. */
    public static SmallFilesystem mount(Path directory, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Result result = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", directory.toString());
        if (result.exit() != 0) {
            String why = "SKIPPED: this test needs a small filesystem and cannot mount tmpfs on " + directory
                    + " (needs root): " + result.output().strip();
            System.err.println(why);
            Assumptions.abort(why);
        }
        return new SmallFilesystem(directory);
    }

    public Path path() {
        return mountPoint;
    }

    /** Writes {@code filler} until the filesystem is full; returns the bytes written. */
    public long fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        byte[] small = new byte[512]; // top up the last partial block
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(small);
                out.flush();
                written += small.length;
            }
        } catch (IOException full) {
            return written;
        }
    }

    /** Fills the filesystem until fewer than {@code leaveBytes} are left free. */
    public void fillLeaving(long leaveBytes) throws IOException {
        long free = Files.getFileStore(mountPoint).getUsableSpace();
        long fill = Math.max(0, free - leaveBytes);
        try (var out = Files.newOutputStream(mountPoint.resolve("filler-" + System.nanoTime()))) {
            byte[] block = new byte[64 * 1024];
            for (long written = 0; written < fill; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, fill - written));
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Result result = run("umount", mountPoint.toString());
        if (result.exit() != 0) {
            Result lazy = run("umount", "-l", mountPoint.toString());
            if (lazy.exit() != 0) {
                throw new IOException("cannot unmount " + mountPoint + ": " + result.output() + lazy.output());
            }
        }
    }

    private record Result(int exit, String output) {}

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(List.of(command))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(process.exitValue(), output);
    }
}
