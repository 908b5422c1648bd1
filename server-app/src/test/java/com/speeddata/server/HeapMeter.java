package com.speeddata.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Peak live heap of a phase: a sampler reads, every few milliseconds, what the heap pools held after their most
 * recent collection (garbage not yet collected is not counted), and keeps the largest sum.
 */
final class HeapMeter implements AutoCloseable {
    private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
            .toList();

    private final Thread sampler;
    private volatile long peak;
    private volatile boolean stopped;

    private HeapMeter() {
        System.gc();
        sampler = new Thread(this::sample, "heap-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    static HeapMeter start() {
        return new HeapMeter();
    }

    private void sample() {
        while (!stopped) {
            long live = 0;
            for (MemoryPoolMXBean pool : HEAP_POOLS) {
                MemoryUsage afterGc = pool.getCollectionUsage();
                live += afterGc == null ? 0 : afterGc.getUsed();
            }
            peak = Math.max(peak, live);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The peak live heap so far, as text. */
    String peak() {
        return mib(peak);
    }

    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
    }

    static String mib(long bytes) {
        return String.format("%.0f MiB", bytes / 1048576.0);
    }
}
