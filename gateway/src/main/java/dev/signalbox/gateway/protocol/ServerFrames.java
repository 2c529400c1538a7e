package dev.signalbox.gateway.protocol;

import java.time.Instant;

import dev.signalbox.events.Channel;
import dev.signalbox.events.Json;
import dev.signalbox.events.Position;
import tools.jackson.databind.node.ObjectNode;

/** Encodes every gateway → client message of the protocol (see PROTOCOL.md in this module). */
public final class ServerFrames {

    private ServerFrames() {
    }

    /**
     * An event. {@code data} is the live record's value, already JSON written by the processor,
     * spliced in as it is rather than parsed and written again for every record.
     */
    public static Frame event(Channel channel, Position position, Instant time, String kind, String data) {
        StringBuilder text = new StringBuilder(96 + data.length());
        text.append("{\"type\":\"event\",\"channel\":\"").append(channel.name())
                .append("\",\"position\":\"").append(position.encode())
                .append("\",\"time\":\"").append(time)
                .append("\",\"kind\":").append(kind == null ? "null" : Json.MAPPER.writeValueAsString(kind))
                .append(",\"data\":").append(data)
                .append('}');
        return Frame.of(text.toString());
    }

    public static Frame subscribed(Channel channel, String position, String ref) {
        ObjectNode frame = base("subscribed", ref);
        frame.put("channel", channel.name());
        frame.put("position", position);
        return Frame.of(frame.toString());
    }

    /**
     * The channel's current state: its entities' state records (each {@code {entity, version, data}},
     * already JSON) as of {@code position}; events follow strictly after it.
     */
    public static Frame snapshot(Channel channel, String position, java.util.List<String> items, String ref) {
        StringBuilder text = new StringBuilder(96 + items.stream().mapToInt(String::length).sum() + items.size());
        text.append("{\"type\":\"snapshot\"");
        if (ref != null) {
            text.append(",\"ref\":").append(Json.MAPPER.writeValueAsString(ref));
        }
        text.append(",\"channel\":\"").append(channel.name())
                .append("\",\"position\":\"").append(position)
                .append("\",\"items\":[").append(String.join(",", items)).append("]}");
        return Frame.of(text.toString());
    }

    public static Frame unsubscribed(Channel channel, String ref) {
        ObjectNode frame = base("unsubscribed", ref);
        frame.put("channel", channel.name());
        return Frame.of(frame.toString());
    }

    public static Frame authenticated(String userId, java.time.Instant expiresAt, String ref) {
        ObjectNode frame = base("authenticated", ref);
        frame.put("user", userId);
        frame.put("expiresAt", expiresAt.toString());
        return Frame.of(frame.toString());
    }

    public static Frame pong(String ref) {
        return Frame.of(base("pong", ref).toString());
    }

    public static Frame error(ErrorCode code, String message, String ref, String channel, String earliest) {
        ObjectNode frame = base("error", ref);
        frame.put("code", code.wireName());
        frame.put("message", message);
        if (channel != null) {
            frame.put("channel", channel);
        }
        if (earliest != null) {
            frame.put("earliest", earliest);
        }
        return Frame.of(frame.toString());
    }

    private static ObjectNode base(String type, String ref) {
        ObjectNode frame = Json.MAPPER.createObjectNode();
        frame.put("type", type);
        if (ref != null) {
            frame.put("ref", ref);
        }
        return frame;
    }
}
