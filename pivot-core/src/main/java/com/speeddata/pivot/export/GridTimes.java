package com.speeddata.pivot.export;

/** The aligned layout's time column: {@code t_i = start + i * interval} for {@code i} in {@code [0, rows)}. */
final class GridTimes implements LongBlockSource {
    private final long startNs;
    private final long intervalNs;
    private final long rows;
    private long row;

    GridTimes(long startNs, long intervalNs, long rows) {
        this.startNs = startNs;
        this.intervalNs = intervalNs;
        this.rows = rows;
    }

    @Override
    public int read(long[] buffer) {
        int n = (int) Math.min(buffer.length, rows - row);
        long t = startNs + row * intervalNs;
        for (int k = 0; k < n; k++) {
            buffer[k] = t;
            t += intervalNs;
        }
        row += n;
        return n;
    }

    @Override
    public void close() {
        row = rows;
    }
}
