package dev.signalbox.processor.transit;

import dev.signalbox.events.Channel;

/**
 * Transit channel names. Route and stop ids are unique within a feed only, so a channel's id is
 * {@code <feedId>:<id>} written as one segment ({@link Channel#segment}): route 42 of feed
 * {@code metro} is {@code transit.route.metro_3a42}.
 */
final class TransitChannels {

    static final Channel ALERTS = new Channel("transit.alerts");

    private TransitChannels() {
    }

    static Channel route(String feedId, String routeId) {
        return new Channel("transit.route." + Channel.segment(feedId + ":" + routeId));
    }

    static Channel stop(String feedId, String stopId) {
        return new Channel("transit.stop." + Channel.segment(feedId + ":" + stopId));
    }
}
