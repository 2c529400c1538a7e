package dev.signalbox.gateway.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.signalbox.events.Channel;
import dev.signalbox.events.Position;
import dev.signalbox.gateway.protocol.ErrorCode;
import dev.signalbox.gateway.protocol.Frame;

/**
 * Makes a wildcard's per-partition subscriptions look like one to its subscriber: one
 * {@code subscribed} once every partition's stands, carrying each partition's position; events a
 * partition delivers before that wait (so none comes before {@code subscribed}); and the first
 * failure of any partition ends them all, reported once with where each partition may resume.
 */
final class WildcardSubscriber implements Subscriber {

    private final Channel wildcard;
    private final Subscriber downstream;
    private final int partitions;
    private final Map<Integer, Position> startedAt = new TreeMap<>();
    private final List<Frame> early = new ArrayList<>();
    private Map<Integer, Position> requested = Map.of();
    private Runnable cancelAll = () -> { };
    private boolean subscribed;
    private boolean failed;

    WildcardSubscriber(Channel wildcard, Subscriber downstream, int partitions) {
        this.wildcard = wildcard;
        this.downstream = downstream;
        this.partitions = partitions;
    }

    /** How to end every partition's subscription, once they exist. */
    synchronized void onFailureCancel(Runnable cancelAll) {
        this.cancelAll = cancelAll;
    }

    /** The positions the client asked to resume after, to tell it where to resume should one partition fail. */
    synchronized void requested(List<Position> positions) {
        Map<Integer, Position> byPartition = new TreeMap<>();
        positions.forEach(position -> byPartition.put(position.partition(), position));
        this.requested = byPartition;
    }

    @Override
    public synchronized void subscribed(Channel channel, String position) {
        if (failed || subscribed) {
            return;
        }
        Position part = Position.parse(position);
        startedAt.put(part.partition(), part);
        if (startedAt.size() == partitions) {
            subscribed = true;
            downstream.subscribed(wildcard, Position.encodeAll(startedAt.values()));
            early.forEach(downstream::deliver);
            early.clear();
        }
    }

    @Override
    public void snapshot(Channel channel, String position, List<String> items) {
        downstream.snapshot(wildcard, position, items);
    }

    @Override
    public synchronized void deliver(Frame frame) {
        if (failed) {
            return;
        }
        if (subscribed) {
            downstream.deliver(frame);
        } else {
            early.add(frame);
        }
    }

    @Override
    public void subscriptionFailed(Channel channel, ErrorCode code, String message, String earliest) {
        Runnable cancel;
        String resumeAt;
        synchronized (this) {
            if (failed) {
                return;
            }
            failed = true;
            early.clear();
            cancel = cancelAll;
            resumeAt = earliest == null ? null : resumeAfter(Position.parse(earliest));
        }
        cancel.run();
        downstream.subscriptionFailed(wildcard, code, message, resumeAt);
    }

    /** The requested positions with the failed partition's replaced by the earliest it still holds. */
    private String resumeAfter(Position earliest) {
        Map<Integer, Position> resume = new TreeMap<>(requested);
        resume.put(earliest.partition(), earliest);
        return Position.encodeAll(resume.values());
    }
}
