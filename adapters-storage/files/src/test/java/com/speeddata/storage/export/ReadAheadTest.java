package com.speeddata.storage.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    /** Gives {@code blocks} blocks of 4 longs counting up, then ends; fails at block {@code failAt} when set. */
    private static final class Counting implements ValueStream {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        private final int blocks;
        private final int failAt;
        private long next;

        Counting(int blocks, int failAt) {
            this.blocks = blocks;
            this.failAt = failAt;
        }

        @Override
        public int read(ByteBuffer out) {
            int block = reads.getAndIncrement();
            if (block == failAt) {
                throw new IllegalStateException("store failed");
            }
            if (block >= blocks) {
                return 0;
            }
            for (int i = 0; i < 4; i++) {
                out.putLong(next++);
            }
            return 4;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void values_arrive_in_order_and_the_source_is_closed() {
        Counting source = new Counting(10, -1);
        long expected = 0;
        try (ReadAhead ahead = new ReadAhead(() -> source, 4, "test")) {
            for (ByteBuffer block = ahead.next(); block != null; block = ahead.next()) {
                assertEquals(4 * Long.BYTES, block.remaining());
                while (block.hasRemaining()) {
                    assertEquals(expected++, block.getLong());
                }
                ahead.recycle(block);
            }
            assertNull(ahead.next(), "the end, again");
        }
        assertEquals(40, expected);
        assertTrue(source.closed.get());
    }

    @Test
    void a_block_is_not_filled_again_until_it_is_handed_back() throws Exception {
        Counting source = new Counting(1_000, -1);
        try (ReadAhead ahead = new ReadAhead(() -> source, 4, "test")) {
            ByteBuffer first = ahead.next();
            assertEquals(0, first.getLong(0));
            awaitReads(source, ReadAhead.BUFFERS);
            Thread.sleep(100);
            assertEquals(ReadAhead.BUFFERS, source.reads.get(), "the other buffers filled, the one taken kept");
            assertEquals(0, first.getLong(0), "the block taken is as it was given");
            ahead.recycle(first);
            awaitReads(source, ReadAhead.BUFFERS + 1); // filled again once handed back
        }
    }

    @Test
    void it_reads_at_most_its_buffers_ahead_and_closing_stops_it() throws Exception {
        Counting source = new Counting(1_000, -1);
        ReadAhead ahead = new ReadAhead(() -> source, 4, "test");
        awaitReads(source, ReadAhead.BUFFERS);
        Thread.sleep(100);
        assertEquals(ReadAhead.BUFFERS, source.reads.get(), "every buffer filled, then it waits");
        ahead.close();
        assertTrue(source.closed.get());
    }

    /** Waits (10 s at most) until {@code source} has been read {@code reads} times. */
    private static void awaitReads(Counting source, int reads) {
        Poll.until(() -> source.reads.get() >= reads);
        assertEquals(reads, source.reads.get());
    }

    @Test
    void a_failure_of_the_reader_reaches_the_caller_after_the_blocks_before_it() {
        Counting source = new Counting(10, 2);
        try (ReadAhead ahead = new ReadAhead(() -> source, 4, "test")) {
            ahead.recycle(ahead.next());
            ahead.recycle(ahead.next());
            IllegalStateException failure = assertThrows(IllegalStateException.class, ahead::next);
            assertEquals("store failed", failure.getMessage());
        }
        assertTrue(source.closed.get());
    }
}
