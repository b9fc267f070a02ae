package org.rosterbridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// a turn lost by the gate shows as a test that never ends: bound them
@Timeout(30)
class RequestGateTest {

    @Test
    void theOldestSchoolWaitingGoesFirstAndEachSchoolInTheOrderItAsked() throws Exception {
        RequestGate gate = new RequestGate(1);
        gate.enter(0);
        List<String> admitted = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        // school 7 asks first, then school 3 twice: school 3 is older, so both its requests go before school 7's
        for (String who : List.of("7a", "3a", "3b")) {
            Thread t = new Thread(() -> {
                try {
                    gate.enter(Long.parseLong(who.substring(0, 1)));
                    admitted.add(who);
                    gate.leave();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(t);
            t.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> t.getState() == Thread.State.WAITING);
        }
        gate.leave();
        for (Thread t : threads) {
            t.join(5_000);
        }
        assertThat(admitted).containsExactly("3a", "3b", "7a");
    }

    @Test
    void neverMoreTurnsAtOnceThanPermits() throws Exception {
        RequestGate gate = new RequestGate(4);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 16; i++) {
            long school = i % 5;
            Thread t = new Thread(() -> {
                for (int k = 0; k < 200; k++) {
                    try {
                        gate.enter(school);
                    } catch (InterruptedException e) {
                        return;
                    }
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    inside.decrementAndGet();
                    gate.leave();
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(most.get()).isBetween(1, 4);
        // every turn was handed back: all four permits are free again
        for (int i = 0; i < 4; i++) {
            gate.enter(9);
        }
        assertThat(inside.get()).isZero();
    }

    @Test
    void aWaiterInterruptedBeforeItsTurnLeavesTheQueue() throws Exception {
        RequestGate gate = new RequestGate(1);
        gate.enter(0);
        Thread waiter = new Thread(() -> {
            try {
                gate.enter(1);
            } catch (InterruptedException expected) {
                // gone from the queue
            }
        });
        waiter.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> waiter.getState() == Thread.State.WAITING);
        waiter.interrupt();
        waiter.join(5_000);
        gate.leave();
        // the permit came back rather than going to the interrupted waiter
        gate.enter(2);
    }
}
