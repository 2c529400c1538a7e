package dev.signalbox.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.signalbox.gateway.protocol.Frame;

/** A stuck client fills its own bounded queue and is closed as too slow; others keep flowing; a flush delay coalesces writes. */
class OutboxTest {

    private final ExecutorService writers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void aStuckClientIsClosedAsTooSlowWhileAnotherKeepsReceiving() throws Exception {
        RecordingConnection stuck = new RecordingConnection(new CountDownLatch(1));
        RecordingConnection fast = new RecordingConnection(null);
        Outbox stuckOutbox = new Outbox(stuck, writers, 10_000, () -> stuck.close(CloseCodes.TOO_SLOW, "too slow"));
        Outbox fastOutbox = new Outbox(fast, writers, 1_000_000, () -> fast.close(CloseCodes.TOO_SLOW, "too slow"));

        Frame frame = Frame.of("x".repeat(100));
        for (int i = 0; i < 1_000; i++) {
            stuckOutbox.enqueue(frame);
            fastOutbox.enqueue(frame);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> stuck.closeCode.get() == CloseCodes.TOO_SLOW);
        await().atMost(Duration.ofSeconds(10)).until(() -> fast.sent.size() == 1_000);
        assertThat(fast.closeCode.get()).isZero();
        // The stuck client got one frame into its socket before it stopped reading; the rest was dropped, not kept.
        assertThat(stuck.sent).hasSizeLessThanOrEqualTo(1);
        stuck.release.countDown();
    }

    @Test
    void framesLeaveInTheOrderTheyWereQueued() {
        RecordingConnection connection = new RecordingConnection(null);
        Outbox outbox = new Outbox(connection, writers, 1_000_000, () -> connection.close(CloseCodes.TOO_SLOW, "too slow"));
        for (int i = 0; i < 5_000; i++) {
            outbox.enqueue(Frame.of(String.valueOf(i)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> connection.sent.size() == 5_000);
        assertThat(connection.sent).isEqualTo(java.util.stream.IntStream.range(0, 5_000).mapToObj(String::valueOf).toList());
    }

    @Test
    void withAFlushDelayWhatIsQueuedWithinTheDelayLeavesInOneFlushInOrder() {
        ScheduledExecutorService eventLoop = Executors.newSingleThreadScheduledExecutor();
        try {
            LoopConnection connection = new LoopConnection(eventLoop);
            // Far longer than queueing the frames takes, so they all wait for the same tick.
            Outbox outbox = new Outbox(connection, writers, 1_000_000, () -> connection.close(CloseCodes.TOO_SLOW, "too slow"), frame -> {
            }, new FlushDelay(Duration.ofSeconds(2)));
            for (int i = 0; i < 100; i++) {
                outbox.enqueue(Frame.of(String.valueOf(i)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> connection.sent.size() == 100);
            assertThat(connection.sent).isEqualTo(java.util.stream.IntStream.range(0, 100).mapToObj(String::valueOf).toList());
            assertThat(connection.framesPerFlush).containsExactly(100);
        } finally {
            eventLoop.shutdownNow();
        }
    }

    /** A connection that writes on an event loop of its own (as Netty's do) and counts what each flush pushes out. */
    private static final class LoopConnection implements ClientConnection {

        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<Integer> framesPerFlush = new CopyOnWriteArrayList<>();
        private final ScheduledExecutorService loop;
        private int unflushed;

        LoopConnection(ScheduledExecutorService loop) {
            this.loop = loop;
        }

        @Override
        public void send(Frame frame) {
            sent.add(frame.text());
            unflushed++;
        }

        @Override
        public void flush() {
            framesPerFlush.add(unflushed);
            unflushed = 0;
        }

        @Override
        public Executor writer(Executor pool) {
            return loop;
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    private static final class RecordingConnection implements ClientConnection {

        final List<String> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger closeCode = new AtomicInteger();
        final CountDownLatch release;

        RecordingConnection(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void send(Frame frame) {
            sent.add(frame.text());
            if (release != null) {
                try {
                    // A client that stopped reading: the socket write never completes.
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close(int code, String reason) {
            closeCode.set(code);
        }
    }
}
