package dev.signalbox.gateway.channel;

import java.util.List;

import dev.signalbox.events.Channel;
import dev.signalbox.gateway.protocol.ErrorCode;
import dev.signalbox.gateway.protocol.Frame;

/**
 * Who receives a subscription's frames: a session, whatever transport carries it. Calls for one
 * subscription never overlap and come in order: {@code subscribed} first, then events. Positions
 * come encoded: one position for a channel, one per partition for a wildcard.
 */
public interface Subscriber {

    /** The subscription stands; events follow strictly after {@code position}. */
    void subscribed(Channel channel, String position);

    /** The channel's current state as of {@code position}; comes before {@code subscribed} for a snapshot subscription. */
    void snapshot(Channel channel, String position, List<String> items);

    /** Queues an event frame; must never block (the live tail serves every session). */
    void deliver(Frame frame);

    /** The subscription could not start or go on; it is already removed. {@code earliest}: where it may resume, or null. */
    void subscriptionFailed(Channel channel, ErrorCode code, String message, String earliest);
}
