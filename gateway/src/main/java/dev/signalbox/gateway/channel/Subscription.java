package dev.signalbox.gateway.channel;

import java.util.List;

import dev.signalbox.events.Channel;

/**
 * What one subscribe request holds: a channel's one {@link ChannelSubscription}, or for a wildcard
 * one per partition of its domain's topic, whose frames reach the subscriber as one subscription's.
 */
public final class Subscription {

    private final Channel channel;
    private final List<ChannelSubscription> parts;

    Subscription(Channel channel, List<ChannelSubscription> parts) {
        this.channel = channel;
        this.parts = List.copyOf(parts);
    }

    public Channel channel() {
        return channel;
    }

    List<ChannelSubscription> parts() {
        return parts;
    }
}
