package com.speeddata.storage.access;

import com.speeddata.jobs.access.BucketKey;
import com.speeddata.jobs.access.RateDecision;
import com.speeddata.jobs.access.RatePolicy;
import com.speeddata.storage.StoreException;
import com.speeddata.storage.Uninterruptibly;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * One round trip at a time per bucket and instance: takes of a bucket that arrive while a round trip for it is out
 * wait, and the next round trip asks for all of their tokens at once (group commit, applied to a token bucket).
 *
 * <p>Why: every take of a bucket locks its one row, so 32 concurrent requests of one tenant used to queue on that
 * row lock one round trip after another (p99 26 ms against 5 ms on the embedded store, issue 9). Coalesced, an
 * instance holds at most one of those locks at a time, and a burst of requests costs about two round trips.
 *
 * <p>Nothing is leased or kept here: a group gets the tokens the bucket holds at the latest instant of its members,
 * handed out in arrival order, exactly what the same takes one after another at that instant would get. So the
 * contract's bound (burst plus rate times the time gone by, across instances) holds unchanged, and a lone take is
 * a group of one. A failed round trip fails every member of its group, each with a {@link StoreException} of its
 * own whose cause is the round trip's failure.
 */
final class CoalescedTakes {
    /** The most takes one round trip answers; more wait for the next. */
    static final int MAX_GROUP = 512;

    /** Takes up to {@code count} whole tokens from one bucket in one round trip. */
    @FunctionalInterface
    interface Round {
        Grant take(BucketKey key, RatePolicy policy, long nowMicros, int count);
    }

    /** What a round trip got: {@code granted} whole tokens, leaving {@code tokensAfter} in the bucket. */
    record Grant(int granted, double tokensAfter) {}

    private final ConcurrentHashMap<BucketKey, Line> lines = new ConcurrentHashMap<>();
    private final Round round;

    CoalescedTakes(Round round) {
        this.round = round;
    }

    RateDecision take(BucketKey key, RatePolicy policy, long nowMicros) {
        Line line = lines.computeIfAbsent(key, k -> new Line());
        Taker me = new Taker(policy, nowMicros);
        if (!line.joinOrLead(me) && !me.awaitTurn()) {
            return me.decision();
        }
        List<Taker> group = line.groupLedBy(me);
        // An interrupt this thread got while it waited in line is not the group's: the pool would refuse the
        // connection to every member. It is given back afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            decide(group, round.take(key, policy, latest(group), group.size()));
        } catch (Throwable failure) {
            group.forEach(taker -> taker.fail(failure));
            if (failure instanceof Error error) {
                throw error;
            }
        } finally {
            line.passOn();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return me.decision();
    }

    private static long latest(List<Taker> group) {
        long latest = Long.MIN_VALUE;
        for (Taker taker : group) {
            latest = Math.max(latest, taker.nowMicros);
        }
        return latest;
    }

    /** The i-th member in arrival order gets a token while there are; each sees what was left after its own take. */
    private static void decide(List<Taker> group, Grant grant) {
        for (int i = 0; i < group.size(); i++) {
            boolean allowed = i < grant.granted();
            double left = allowed ? grant.tokensAfter() + (grant.granted() - 1 - i) : grant.tokensAfter();
            Taker taker = group.get(i);
            taker.decide(RateDecision.of(taker.policy, allowed, left));
        }
    }

    /** The takers of one bucket: whether a round trip is out, and who waits for the next. */
    private static final class Line {
        private final ArrayDeque<Taker> waiting = new ArrayDeque<>();
        private boolean roundOut;

        /** True when {@code taker} leads the next round trip; false when it waits in line. */
        synchronized boolean joinOrLead(Taker taker) {
            if (roundOut) {
                waiting.add(taker);
                return false;
            }
            roundOut = true;
            return true;
        }

        /** The leader and the waiting takers of the same policy (a tier change meanwhile waits for its own). */
        synchronized List<Taker> groupLedBy(Taker leader) {
            List<Taker> group = new ArrayList<>(Math.min(MAX_GROUP, waiting.size() + 1));
            group.add(leader);
            for (Iterator<Taker> it = waiting.iterator(); it.hasNext() && group.size() < MAX_GROUP; ) {
                Taker next = it.next();
                if (next.policy.equals(leader.policy)) {
                    group.add(next);
                    it.remove();
                }
            }
            return group;
        }

        /** The first taker still waiting leads the next round trip; with none, the line is idle. */
        synchronized void passOn() {
            Taker next = waiting.poll();
            if (next == null) {
                roundOut = false;
            } else {
                next.lead();
            }
        }
    }

    /** One take waiting for its decision, or for its turn to lead a round trip. */
    private static final class Taker {
        private final RatePolicy policy;
        private final long nowMicros;
        private final CountDownLatch turn = new CountDownLatch(1);
        private volatile RateDecision decision;
        private volatile Throwable failure;
        private volatile boolean leads;

        Taker(RatePolicy policy, long nowMicros) {
            this.policy = policy;
            this.nowMicros = nowMicros;
        }

        void decide(RateDecision decided) {
            decision = decided;
            turn.countDown();
        }

        /** A member already decided keeps its decision (a failure may come after part of a group was decided). */
        void fail(Throwable cause) {
            if (decision == null) {
                failure = cause;
                turn.countDown();
            }
        }

        void lead() {
            leads = true;
            turn.countDown();
        }

        /**
         * Waits until decided (false) or handed the lead (true). Not interruptible: a taker that left the line
         * could be handed the lead after it had gone, and the bucket's line would stop for good. The wait is one
         * or two round trips, each bounded by the pool's timeouts.
         */
        boolean awaitTurn() {
            Uninterruptibly.await(turn::await);
            return leads;
        }

        /** The decision, or the group's failure wrapped for this thread (its own stack, never a shared object). */
        RateDecision decision() {
            if (failure != null) {
                throw new StoreException("taking a rate token (" + failure + ")", failure);
            }
            return decision;
        }
    }
}
