package com.speeddata.storage.pivot;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that fetch cursors' pages ahead, one lane each: a cursor keeps to the lane it is given, so its pages
 * are fetched one after another on one thread, which the pool hands the connection it used last, so one database
 * session serves the cursor. A cursor is given the lane with the fewest open cursors (the first on a tie): cursors
 * read one after another share the first lane, cursors read side by side spread over the lanes.
 */
final class FetchLanes {
    private final Lane[] lanes;

    FetchLanes(int count) {
        lanes = new Lane[count];
        for (int i = 0; i < count; i++) {
            lanes[i] = new Lane();
        }
    }

    /** The lane for a new cursor, which gives it back with {@link Lane#release()} once. */
    synchronized Lane take() {
        Lane least = lanes[0];
        for (Lane lane : lanes) {
            if (lane.open < least.open) {
                least = lane;
            }
        }
        least.open++;
        return least;
    }

    /** One fetching thread, started on demand and stopped after a minute without work. */
    final class Lane implements Executor {
        private final ThreadPoolExecutor thread =
                new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), task -> {
                    Thread fetcher = new Thread(task, "chunk-prefetch");
                    fetcher.setDaemon(true);
                    return fetcher;
                });
        private int open;

        private Lane() {
            thread.allowCoreThreadTimeOut(true);
        }

        @Override
        public void execute(Runnable task) {
            thread.execute(task);
        }

        void release() {
            synchronized (FetchLanes.this) {
                open--;
            }
        }
    }
}
