package com.speeddata.storage.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.jobs.access.BucketKey;
import com.speeddata.jobs.access.RateDecision;
import com.speeddata.jobs.access.RatePolicy;
import com.speeddata.storage.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The grouping itself, with a round trip held open by the test (the PostgreSQL contract tests run it for real). */
class CoalescedTakesTest {
    private static final RatePolicy POLICY = new RatePolicy("score", 10, 5);
    private static final BucketKey ACME = BucketKey.of("acme", POLICY);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** A round trip that waits for the test to let it go, and records what it was asked. */
    private static final class HeldRound implements CoalescedTakes.Round {
        final List<Integer> counts = new CopyOnWriteArrayList<>();
        final List<Long> instants = new CopyOnWriteArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        double tokens = POLICY.burst();

        @Override
        public synchronized CoalescedTakes.Grant take(BucketKey key, RatePolicy policy, long nowMicros, int count) {
            counts.add(count);
            instants.add(nowMicros);
            firstStarted.countDown();
            await(release);
            int granted = (int) Math.min(count, Math.floor(tokens));
            tokens -= granted;
            return new CoalescedTakes.Grant(granted, tokens);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void takes_arriving_during_a_round_trip_go_together_in_the_next_one_in_arrival_order() throws Exception {
        HeldRound round = new HeldRound();
        CoalescedTakes takes = new CoalescedTakes(round);
        Future<RateDecision> first = threads.submit(() -> takes.take(ACME, POLICY, 1_000));
        await(round.firstStarted);
        List<Future<RateDecision>> waiting = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long now = 2_000 + i;
            waiting.add(threads.submit(() -> takes.take(ACME, POLICY, now)));
            Thread.sleep(20); // arrival order is the order of the line
        }
        round.release.countDown();

        assertTrue(first.get(10, TimeUnit.SECONDS).allowed());
        int allowed = 0;
        for (Future<RateDecision> each : waiting) {
            if (each.get(10, TimeUnit.SECONDS).allowed()) {
                allowed++;
            }
        }
        assertEquals(List.of(1, 7), round.counts, "one round trip for the first, one for the seven that waited");
        assertEquals(2_006L, round.instants.get(1), "the group's instant is its latest member's");
        assertEquals(4, allowed, "five tokens: the first took one, four of the seven got one");
        for (int i = 0; i < 4; i++) {
            RateDecision decision = waiting.get(i).get();
            assertTrue(decision.allowed(), "the earliest arrivals get the tokens");
            assertEquals(3 - i, decision.remaining(), 1e-9, "each sees what its own take left");
        }
        for (int i = 4; i < 7; i++) {
            assertFalse(waiting.get(i).get().allowed());
            assertEquals(0, waiting.get(i).get().remaining(), 1e-9);
        }
    }

    @Test
    void a_failed_round_trip_fails_its_whole_group_and_the_next_take_goes_on() throws Exception {
        StoreException down = new StoreException("database down", null);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> counts = new CopyOnWriteArrayList<>();
        CoalescedTakes takes = new CoalescedTakes((key, policy, now, count) -> {
            counts.add(count);
            if (counts.size() <= 2) {
                started.countDown();
                await(release);
                throw down;
            }
            return new CoalescedTakes.Grant(count, 0);
        });
        Future<RateDecision> first = threads.submit(() -> takes.take(ACME, POLICY, 1));
        await(started);
        Future<RateDecision> second = threads.submit(() -> takes.take(ACME, POLICY, 2));
        Future<RateDecision> third = threads.submit(() -> takes.take(ACME, POLICY, 3));
        Thread.sleep(50);
        release.countDown();
        for (Future<RateDecision> failed : List.of(first, second, third)) {
            Exception thrown = assertThrows(Exception.class, () -> failed.get(10, TimeUnit.SECONDS));
            assertSame(down, thrown.getCause().getCause(), "each waiter gets its own wrapper of the failure");
        }
        assertEquals(List.of(1, 2), counts);
        assertTrue(takes.take(ACME, POLICY, 4).allowed(), "the line is free again");
    }

    @Test
    void an_error_in_a_round_trip_answers_every_member_and_the_line_goes_on() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        CoalescedTakes takes = new CoalescedTakes((key, policy, now, count) -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                started.countDown();
                await(release);
            } else if (call == 2) {
                throw new OutOfMemoryError("simulated");
            }
            return new CoalescedTakes.Grant(count, 0);
        });
        Future<RateDecision> first = threads.submit(() -> takes.take(ACME, POLICY, 1));
        await(started);
        Future<RateDecision> leader = threads.submit(() -> takes.take(ACME, POLICY, 2));
        Thread.sleep(20);
        Future<RateDecision> member = threads.submit(() -> takes.take(ACME, POLICY, 3));
        Thread.sleep(50);
        release.countDown();

        assertTrue(first.get(10, TimeUnit.SECONDS).allowed());
        Exception led = assertThrows(Exception.class, () -> leader.get(10, TimeUnit.SECONDS));
        assertTrue(led.getCause() instanceof OutOfMemoryError, "the leader's thread rethrows the error: " + led);
        Exception waited = assertThrows(Exception.class, () -> member.get(10, TimeUnit.SECONDS));
        assertTrue(waited.getCause() instanceof StoreException, "a member is answered, not left waiting");
        assertTrue(takes.take(ACME, POLICY, 4).allowed(), "the line is free again");
    }

    @Test
    void a_take_of_another_policy_waits_for_its_own_round_trip() throws Exception {
        HeldRound round = new HeldRound();
        CoalescedTakes takes = new CoalescedTakes(round);
        Future<RateDecision> first = threads.submit(() -> takes.take(ACME, POLICY, 1));
        await(round.firstStarted);
        RatePolicy newTier = new RatePolicy("score", 20, 5);
        Future<RateDecision> upgraded = threads.submit(() -> takes.take(ACME, newTier, 2));
        Thread.sleep(20);
        Future<RateDecision> same = threads.submit(() -> takes.take(ACME, POLICY, 3));
        Thread.sleep(20);
        round.release.countDown();
        assertEquals(newTier, upgraded.get(10, TimeUnit.SECONDS).policy());
        assertEquals(POLICY, same.get(10, TimeUnit.SECONDS).policy());
        first.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(1, 1, 1), round.counts);
    }
}
