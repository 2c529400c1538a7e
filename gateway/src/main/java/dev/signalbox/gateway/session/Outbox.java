package dev.signalbox.gateway.session;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.signalbox.gateway.channel.DeliveryBatch;
import dev.signalbox.gateway.protocol.Frame;

/**
 * A session's outbound queue, bounded in bytes. Producers (the live tail, history readers, the
 * session itself) only enqueue; one writer task at a time drains it to the connection (on a shared
 * pool, or on the connection's own event loop), so a slow socket holds up its own session and
 * nobody else. A drain writes everything queued and then flushes once: events that arrive
 * together leave together, in one system call; with a {@link FlushDelay}, so do those that arrive
 * within the delay. Past the bound, the session is closed as too slow
 * rather than let the heap grow.
 */
final class Outbox {

    private final ClientConnection connection;
    private final Executor writers;
    /** True when the connection writes on a thread of its own (an event loop), never blocking: drains may share a task. */
    private final boolean ownWriter;
    private final long maxQueuedBytes;
    private final Queue<Frame> frames = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable onTooSlow;
    private final java.util.function.Consumer<Frame> onSent;
    /** Null when drains start at once. */
    private final FlushDelay flushDelay;

    Outbox(ClientConnection connection, Executor writers, long maxQueuedBytes, Runnable onTooSlow) {
        this(connection, writers, maxQueuedBytes, onTooSlow, frame -> {
        }, FlushDelay.NONE);
    }

    /**
     * @param onSent     told of each frame once the connection took it
     * @param flushDelay how long drains on a connection's own event loop may wait to take more at once
     */
    Outbox(ClientConnection connection, Executor writers, long maxQueuedBytes, Runnable onTooSlow, java.util.function.Consumer<Frame> onSent,
            FlushDelay flushDelay) {
        this.connection = connection;
        this.writers = connection.writer(writers);
        this.ownWriter = this.writers != writers;
        // Only a loop that never blocks may drain many sessions in one delayed task.
        this.flushDelay = ownWriter && flushDelay.enabled() && this.writers instanceof ScheduledExecutorService ? flushDelay : null;
        this.maxQueuedBytes = maxQueuedBytes;
        this.onTooSlow = onTooSlow;
        this.onSent = onSent;
    }

    void enqueue(Frame frame) {
        if (closed.get()) {
            return;
        }
        if (queuedBytes.addAndGet(frame.size()) > maxQueuedBytes) {
            if (closed.compareAndSet(false, true)) {
                frames.clear();
                queuedBytes.set(0);
                // Closing writes a close frame to the slow socket: never on the caller's thread,
                // which may be the live tail serving everyone.
                writers.execute(onTooSlow);
            }
            return;
        }
        frames.add(frame);
        scheduleDrain();
    }

    void close() {
        closed.set(true);
        frames.clear();
        queuedBytes.set(0);
    }

    /** Bytes enqueued and not yet handed to the connection (about: see {@link Frame#size}). */
    long queuedBytes() {
        return queuedBytes.get();
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            if (flushDelay != null) {
                flushDelay.drainLater((ScheduledExecutorService) writers, this::drain);
            } else {
                DeliveryBatch.execute(writers, this::drain, ownWriter);
            }
        }
    }

    private void drain() {
        boolean wrote = false;
        boolean blocked = false;
        try {
            while (!closed.get()) {
                if (!connection.writable()) {
                    blocked = true;
                    break;
                }
                Frame frame = frames.poll();
                if (frame == null) {
                    break;
                }
                connection.send(frame);
                wrote = true;
                queuedBytes.addAndGet(-frame.size());
                onSent.accept(frame);
            }
            if (wrote) {
                connection.flush();
            }
        } catch (IOException e) {
            // The connection is gone; the transport reports the close and the session ends.
            close();
        } finally {
            draining.set(false);
        }
        if (closed.get() || frames.isEmpty()) {
            return;
        }
        if (blocked) {
            // The frames wait here, counted against the bound, until the socket takes more.
            connection.whenWritable(this::scheduleDrain);
            if (!connection.writable()) {
                return;
            }
        }
        // Writable again already, or a frame enqueued after the last poll but before draining was
        // cleared: it would wait for the next one otherwise.
        scheduleDrain();
    }
}
