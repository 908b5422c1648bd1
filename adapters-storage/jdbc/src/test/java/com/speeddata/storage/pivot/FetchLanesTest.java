package com.speeddata.storage.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which lane a cursor is given, and that a lane fetches on one thread, in order. */
class FetchLanesTest {
    @Test
    void cursors_read_one_after_another_keep_to_the_first_lane() {
        FetchLanes lanes = new FetchLanes(3);
        FetchLanes.Lane first = lanes.take();
        first.release();
        FetchLanes.Lane second = lanes.take();
        assertSame(first, second);
        second.release();
        assertSame(first, lanes.take());
    }

    @Test
    void cursors_read_side_by_side_spread_over_the_lanes_the_least_taken_first() {
        FetchLanes lanes = new FetchLanes(2);
        FetchLanes.Lane a = lanes.take();
        FetchLanes.Lane b = lanes.take();
        assertNotSame(a, b);
        assertSame(a, lanes.take(), "a tie goes to the first lane");
        assertSame(b, lanes.take());
        a.release();
        a.release();
        assertSame(a, lanes.take(), "the lane with fewer open cursors");
    }

    @Test
    void a_lane_runs_its_fetches_one_after_another_on_one_thread() throws InterruptedException {
        FetchLanes.Lane lane = new FetchLanes(1).take();
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        int tasks = 50;
        CountDownLatch done = new CountDownLatch(tasks);
        for (int i = 0; i < tasks; i++) {
            int task = i;
            lane.execute(() -> {
                order.add(task);
                threads.add(Thread.currentThread());
                done.countDown();
            });
        }
        assertEquals(true, done.await(10, TimeUnit.SECONDS));
        assertEquals(IntStream.range(0, tasks).boxed().toList(), order);
        Set<Thread> distinct = threads.stream().collect(Collectors.toSet());
        assertEquals(1, distinct.size());
        assertEquals(true, distinct.iterator().next().isDaemon(), "a lane never keeps the process alive");
    }
}
