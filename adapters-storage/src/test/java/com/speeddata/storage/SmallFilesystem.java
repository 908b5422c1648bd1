package com.speeddata.storage;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of a few MiB mounted for one test, to fill up for real. Where mounting is not permitted (not root, no
 * CAP_SYS_ADMIN) the test is aborted, which JUnit reports as skipped, with the reason on stderr: never passed.
 */
public final class SmallFilesystem implements AutoCloseable {
    private final Path mountPoint;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    public static SmallFilesystem mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        String result = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString());
        if (result != null) {
            System.err.println("SKIPPED: cannot mount a small filesystem for the disk-full test: " + result);
            Assumptions.abort("cannot mount a tmpfs here (" + result + "); disk-full test not run");
        }
        return new SmallFilesystem(mountPoint);
    }

    public Path root() {
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
        byte[] small = new byte[512];   // top up the last partial block
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

    @Override
    public void close() throws IOException, InterruptedException {
        String result = run("umount", "-l", mountPoint.toString());
        if (result != null) {
            throw new IOException("could not unmount " + mountPoint + ": " + result);
        }
    }

    /** Runs a command; null when it succeeded, else its output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return command[0] + " did not finish";
        }
        String output = new String(process.getInputStream().readAllBytes()).strip();
        return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
    }
}
