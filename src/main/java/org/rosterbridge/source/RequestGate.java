package org.rosterbridge.source;

import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Xporter's requests in flight, all schools together, handed out oldest school first. Schools of one size that
 * start together would otherwise share the connections evenly, finish their last pages together, and leave the
 * connections idle while all of them compute their changes at once; served oldest first, each school's extraction
 * ends as early as it can and its computing overlaps the next schools' requests. Within one school, requests go in
 * the order they asked. The permits match the HTTP connection pool, so a request that has its turn never queues for
 * a connection.
 */
final class RequestGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>();
    private int free;
    private long arrivals;

    RequestGate(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("a gate needs at least one permit");
        }
        this.free = permits;
    }

    /** Blocks until {@code school} (a lower number is an older school) has a turn; pair with {@link #leave}. */
    void enter(long school) throws InterruptedException {
        lock.lock();
        try {
            if (free > 0 && waiting.isEmpty()) {
                free--;
                return;
            }
            Waiter me = new Waiter(school, arrivals++, lock.newCondition());
            waiting.add(me);
            try {
                while (!me.admitted) {
                    me.turn.await();
                }
            } catch (InterruptedException e) {
                if (me.admitted) {
                    // the turn came with the interrupt: hand it on rather than lose it
                    passOn();
                } else {
                    waiting.remove(me);
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends a turn that {@link #enter} gave. */
    void leave() {
        lock.lock();
        try {
            passOn();
        } finally {
            lock.unlock();
        }
    }

    private void passOn() {
        Waiter next = waiting.poll();
        if (next == null) {
            free++;
            return;
        }
        next.admitted = true;
        next.turn.signal();
    }

    private static final class Waiter implements Comparable<Waiter> {
        final long school;
        final long arrival;
        final Condition turn;
        boolean admitted;

        Waiter(long school, long arrival, Condition turn) {
            this.school = school;
            this.arrival = arrival;
            this.turn = turn;
        }

        @Override
        public int compareTo(Waiter o) {
            int bySchool = Long.compare(school, o.school);
            return bySchool != 0 ? bySchool : Long.compare(arrival, o.arrival);
        }
    }
}
