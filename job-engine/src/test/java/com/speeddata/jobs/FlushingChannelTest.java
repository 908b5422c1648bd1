package com.speeddata.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlushingChannelTest {
    private static final long EVERY = 1000;

    @TempDir
    Path dir;

    @Test
    void every_byte_reaches_the_file_and_force_flushes_at_the_end() throws Exception {
        byte[] data = new byte[10_000];
        new Random(5).nextBytes(data);
        Path file = dir.resolve("result");
        try (Watched watched = Watched.open(file);
                FlushingChannel out = new FlushingChannel(watched, EVERY)) {
            for (int i = 0; i < data.length; i += 300) {
                out.write(ByteBuffer.wrap(data, i, Math.min(300, data.length - i)));
            }
            out.force();
            assertTrue(out.flushes() >= 1, "background flushes while writing");
            assertEquals(out.flushes() + 1, watched.forcesEnded.get(), "each one, and the last");
        }
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void one_flush_at_a_time_and_the_next_once_as_much_again_is_written() throws Exception {
        try (Watched watched = Watched.open(dir.resolve("result"));
                FlushingChannel out = new FlushingChannel(watched, EVERY)) {
            watched.hold();
            out.write(ByteBuffer.allocate(1200));
            assertEquals(1, out.flushes());
            out.write(ByteBuffer.allocate(1200));
            assertEquals(1, out.flushes(), "no second flush while the first runs");
            watched.release();
            watched.awaitForcesEnded(1);
            out.write(ByteBuffer.allocate(1));
            assertEquals(2, out.flushes(), "2401 bytes written since the first flush started");
        }
    }

    @Test
    void a_failed_background_flush_is_thrown_by_the_next_write_and_by_force() throws Exception {
        try (Watched watched = Watched.open(dir.resolve("result"));
                FlushingChannel out = new FlushingChannel(watched, EVERY)) {
            watched.failForces.set(true);
            out.write(ByteBuffer.allocate(1200));
            watched.awaitForcesEnded(1);
            IOException atWrite = assertThrows(IOException.class, () -> out.write(ByteBuffer.allocate(1200)));
            assertEquals("disk gone", atWrite.getMessage());
            IOException atForce = assertThrows(IOException.class, out::force);
            assertEquals("disk gone", atForce.getMessage());
        }
    }

    @Test
    void closing_waits_for_a_flush_under_way() throws Exception {
        Watched watched = Watched.open(dir.resolve("result"));
        FlushingChannel out = new FlushingChannel(watched, EVERY);
        watched.hold();
        out.write(ByteBuffer.allocate(1200));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                out.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(closing.isDone(), "the flush still runs");
        assertTrue(watched.isOpen());
        watched.release();
        closing.get(10, TimeUnit.SECONDS);
        assertFalse(watched.isOpen());
        assertEquals(1, watched.forcesEnded.get());
    }

    /** A file channel whose flushes can be held, made to fail, and counted. */
    private static final class Watched extends FileChannel implements AutoCloseable {
        final AtomicInteger forcesEnded = new AtomicInteger();
        final AtomicBoolean failForces = new AtomicBoolean();
        private final FileChannel file;
        private volatile CountDownLatch held = new CountDownLatch(0);

        private Watched(FileChannel file) {
            this.file = file;
        }

        static Watched open(Path path) throws IOException {
            return new Watched(FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        }

        void hold() {
            held = new CountDownLatch(1);
        }

        void release() {
            held.countDown();
        }

        void awaitForcesEnded(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (forcesEnded.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(n, forcesEnded.get());
            Thread.sleep(20); // and its future is completed
        }

        @Override
        public void force(boolean metaData) throws IOException {
            try {
                held.await();
                if (failForces.get()) {
                    throw new IOException("disk gone");
                }
                file.force(metaData);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } finally {
                forcesEnded.incrementAndGet();
            }
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return file.write(src);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }
    }
}
