package dev.signalbox.gateway.protocol;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.signalbox.events.Channel;
import dev.signalbox.events.Json;
import dev.signalbox.events.Position;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** A client → gateway message, parsed strictly: anything else is a {@link ProtocolException}. */
public sealed interface ClientMessage {

    String ref();

    /** Where a subscription starts. */
    sealed interface From {
        /** Only what is published from now on. */
        record Latest() implements From {
        }

        /** The channel's current state, then every event after the position it reflects. */
        record Snapshot() implements From {
        }

        /** Everything strictly after a position the client saw (a wildcard's: one per partition), then live. */
        record After(java.util.List<Position> positions) implements From {
        }

        /** Everything published at or after a time, then live. */
        record Since(Instant time) implements From {
        }
    }

    record Subscribe(Channel channel, From from, String ref) implements ClientMessage {
    }

    record Unsubscribe(Channel channel, String ref) implements ClientMessage {
    }

    record Ping(String ref) implements ClientMessage {
    }

    /** A fresh token for this session, before the current one expires. */
    record Auth(String token, String ref) implements ClientMessage {
    }

    static ClientMessage parse(String text) {
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "not JSON", null);
        }
        if (message == null || !message.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "a message is a JSON object", null);
        }
        String ref = optionalText(message, "ref", null);
        String type = optionalText(message, "type", ref);
        if (type == null) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "'type' is required", ref);
        }
        return switch (type) {
            case "subscribe" -> new Subscribe(channel(message, ref), from(message.get("from"), ref), ref);
            case "unsubscribe" -> new Unsubscribe(channel(message, ref), ref);
            case "ping" -> new Ping(ref);
            case "auth" -> {
                // Tokens with many claims run to a few kilobytes.
                String token = optionalText(message, "token", ref, 16_384);
                if (token == null) {
                    throw new ProtocolException(ErrorCode.MISSING_FIELD, "'token' is required", ref);
                }
                yield new Auth(token, ref);
            }
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown type", ref);
        };
    }

    private static Channel channel(JsonNode message, String ref) {
        String name = optionalText(message, "channel", ref);
        if (name == null) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "'channel' is required", ref);
        }
        if (!Channel.isValid(name)) {
            throw new ProtocolException(ErrorCode.INVALID_CHANNEL, "not a channel name", ref);
        }
        return new Channel(name);
    }

    private static From from(JsonNode from, String ref) {
        if (from == null || from.isNull() || (from.isString() && from.asString().equals("latest"))) {
            return new From.Latest();
        }
        if (from.isString() && from.asString().equals("snapshot")) {
            return new From.Snapshot();
        }
        if (from.isObject() && from.size() == 1 && from.has("position")) {
            String position = optionalText(from, "position", ref);
            try {
                return new From.After(Position.parseAll(position));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(ErrorCode.INVALID_POSITION, "not a position", ref);
            }
        }
        if (from.isObject() && from.size() == 1 && from.has("time")) {
            try {
                return new From.Since(Instant.parse(optionalText(from, "time", ref)));
            } catch (DateTimeParseException | NullPointerException e) {
                throw new ProtocolException(ErrorCode.BAD_FRAME, "'time' is an ISO-8601 instant", ref);
            }
        }
        throw new ProtocolException(ErrorCode.BAD_FRAME, "'from' is \"latest\", \"snapshot\", {\"position\": …} or {\"time\": …}", ref);
    }

    private static String optionalText(JsonNode node, String field, String ref) {
        return optionalText(node, field, ref, 200);
    }

    private static String optionalText(JsonNode node, String field, String ref, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.asString().length() > maxLength) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "'" + field + "' is a string of at most " + maxLength + " characters", ref);
        }
        return value.asString();
    }
}
