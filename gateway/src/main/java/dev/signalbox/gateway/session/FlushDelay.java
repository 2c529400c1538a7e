package dev.signalbox.gateway.session;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write coalescing for sessions that write on an event loop ({@code signalbox.gateway.flush-delay}):
 * a session with something to write waits up to the delay, then every session of that loop that
 * waits is drained in one task. What a session gets within the delay leaves in one write, one
 * system call, instead of one per event. It trades latency (up to the delay, for every frame, the
 * answers to a client's own requests too) for fewer writes; zero, the default, writes at once.
 */
public final class FlushDelay {

    private static final Logger log = LoggerFactory.getLogger(FlushDelay.class);

    /** Writes go out as soon as they are queued. */
    public static final FlushDelay NONE = new FlushDelay(Duration.ZERO);

    private final long delayNanos;
    private final Map<ScheduledExecutorService, Tick> ticks = new ConcurrentHashMap<>();

    public FlushDelay(Duration delay) {
        this.delayNanos = delay.toNanos();
    }

    boolean enabled() {
        return delayNanos > 0;
    }

    /** Runs {@code drain} on {@code loop} at its next tick, at most the delay from now. */
    void drainLater(ScheduledExecutorService loop, Runnable drain) {
        ticks.computeIfAbsent(loop, Tick::new).add(drain);
    }

    /** One loop's waiting drains, and whether a tick to run them is scheduled. */
    private final class Tick implements Runnable {

        private final ScheduledExecutorService loop;
        private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
        /** Drains added and not yet taken by a tick; raised after each add, so a tick finds as many as it counts. */
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Tick(ScheduledExecutorService loop) {
            this.loop = loop;
        }

        void add(Runnable drain) {
            waiting.add(drain);
            count.incrementAndGet();
            if (scheduled.compareAndSet(false, true)) {
                loop.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void run() {
            // Cleared first: a drain added from here on schedules the next tick itself.
            scheduled.set(false);
            // Only the drains that wait now; one that queues itself again (more came meanwhile) waits for the next tick.
            for (int due = count.getAndSet(0); due > 0; due--) {
                try {
                    waiting.poll().run();
                } catch (RuntimeException e) {
                    // One session's failure must not strand the others waiting in this tick.
                    log.error("A session's delayed write failed", e);
                }
            }
        }
    }
}
