package dev.signalbox.gateway.channel;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import dev.signalbox.events.Channel;
import dev.signalbox.events.Position;
import dev.signalbox.gateway.protocol.Frame;

/**
 * One session's subscription to one channel in one partition (a wildcard has one of these per
 * partition of its domain's topic), and the rule that keeps it exact.
 *
 * <p>{@code cursor} is the next offset of the channel's partition this subscription has not yet
 * seen. While catching up, a history reader feeds it records from the log; once its cursor reaches
 * what the live tail has started dispatching, it goes live and the tail feeds it. A record is
 * delivered only if its offset is at or past the cursor, so the hand-over can neither skip nor
 * repeat a record. All of it under this object's lock; see {@link LiveTail} for the other half.
 */
public final class ChannelSubscription {

    private final Channel channel;
    private final TopicPartition partition;
    private final Subscriber subscriber;
    private long cursor;
    private boolean live;
    private boolean cancelled;
    /** After a snapshot: each entity's version in it, so events it already reflects are not sent again. */
    private Map<String, Long> inSnapshot = Map.of();

    ChannelSubscription(Channel channel, TopicPartition partition, Subscriber subscriber, long cursor) {
        this.channel = channel;
        this.partition = partition;
        this.subscriber = subscriber;
        this.cursor = cursor;
    }

    public Channel channel() {
        return channel;
    }

    TopicPartition partition() {
        return partition;
    }

    Subscriber subscriber() {
        return subscriber;
    }

    /** Whether a record with this key is this subscription's: its channel, or one its wildcard covers. */
    boolean matches(String key) {
        return channel.matches(key);
    }

    /** The position after which this subscription's events come. */
    synchronized Position position() {
        return new Position(partition.partition(), cursor - 1);
    }

    synchronized long cursor() {
        return cursor;
    }

    /**
     * Starts a {@code latest} subscription at what the tail has begun dispatching: tells the
     * subscriber where it stands, then goes live, both under the lock so no event can come first.
     */
    synchronized void startLive(long tailDispatchedUpTo) {
        cursor = tailDispatchedUpTo;
        subscriber.subscribed(channel, position().encode());
        live = true;
    }

    /**
     * Before any delivery: after a snapshot taken while the channel's partition ended at
     * {@code offset}, events from there on, except those the snapshot already reflects.
     */
    synchronized void startAfterSnapshot(long offset, Map<String, Long> entityVersions) {
        cursor = offset;
        inSnapshot = new HashMap<>(entityVersions);
    }

    /** Before any delivery: where reading history starts (for a subscription from a time). */
    synchronized void startAt(long offset) {
        cursor = offset;
    }

    /** From the live tail: {@code frame} is the record at {@code offset} of this channel. */
    synchronized void offerLive(long offset, Frame frame) {
        if (live && !cancelled && offset >= cursor) {
            cursor = offset + 1;
            if (!reflectedBySnapshot(frame)) {
                subscriber.deliver(frame);
            }
        }
    }

    /** From a history reader: the record at {@code offset}, with a frame only if it is this channel's. */
    synchronized void offerHistory(long offset, Frame frameOrNull) {
        if (!live && !cancelled && offset >= cursor) {
            cursor = offset + 1;
            if (frameOrNull != null && !reflectedBySnapshot(frameOrNull)) {
                subscriber.deliver(frameOrNull);
            }
        }
    }

    /** From a history reader: offsets up to {@code nextOffset} hold nothing readable (markers, aborted). */
    synchronized void skipTo(long nextOffset) {
        if (!live && nextOffset > cursor) {
            cursor = nextOffset;
        }
    }

    /**
     * Goes live if history has been read up to what the tail has begun dispatching; the tail will
     * deliver everything from there on.
     */
    synchronized boolean goLiveIfCaughtUp(long tailDispatchedUpTo) {
        if (cursor >= tailDispatchedUpTo) {
            live = true;
        }
        return live || cancelled;
    }

    /**
     * True for an event the snapshot already holds: its entity is in the snapshot at this version
     * or a later one (the state was read after the live topic's end, so it may be ahead). The first
     * newer event of an entity ends its check, as every later one is newer still.
     */
    private boolean reflectedBySnapshot(Frame frame) {
        if (inSnapshot.isEmpty() || frame.subject() == null) {
            return false;
        }
        Long version = inSnapshot.get(frame.subject());
        if (version == null) {
            return false;
        }
        if (frame.entityVersion() <= version) {
            return true;
        }
        inSnapshot.remove(frame.subject());
        return false;
    }

    synchronized void cancel() {
        cancelled = true;
    }
}
