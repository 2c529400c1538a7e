package dev.signalbox.processor.jobs;

import java.time.Instant;

import dev.signalbox.events.Json;
import dev.signalbox.events.jobs.JobEventKind;
import tools.jackson.databind.JsonNode;

/**
 * One Debezium change event of a {@code job_postings} row, read strictly: anything that is not a
 * well-formed change of a posting throws {@link IllegalArgumentException} with the reason.
 */
record PostingChange(JobEventKind kind, long jobId, long companyId, String title, String location, String status,
        Instant committedAt, long lsn) {

    static PostingChange parse(byte[] value) {
        JsonNode change = Json.MAPPER.readTree(value);
        String op = text(change, "op");
        JsonNode row = "d".equals(op) ? change.get("before") : change.get("after");
        if (row == null || !row.isObject()) {
            throw new IllegalArgumentException("change with op '" + op + "' has no row image");
        }
        String status = text(row, "status");
        // Filled, closed and expired postings all leave the board; their status says which.
        boolean ended = !"OPEN".equals(status);
        JobEventKind kind = switch (op) {
            case "c", "r" -> ended ? JobEventKind.CLOSED : JobEventKind.POSTED;
            case "u" -> ended ? JobEventKind.CLOSED : JobEventKind.UPDATED;
            // A deleted posting leaves the board just as a closed one does.
            case "d" -> JobEventKind.CLOSED;
            default -> throw new IllegalArgumentException("unknown op '" + op + "'");
        };
        JsonNode source = change.get("source");
        if (source == null || !source.isObject()) {
            throw new IllegalArgumentException("change has no source block");
        }
        return new PostingChange(kind, number(row, "id"), number(row, "company_id"), row.path("title").asString(null),
                row.path("location").asString(null), "d".equals(op) ? "DELETED" : status,
                Instant.ofEpochMilli(number(source, "ts_ms")), source.path("lsn").asLong(-1));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("field '" + field + "' missing or not text");
        }
        return value.asString();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + field + "' missing or not a whole number");
        }
        return value.asLong();
    }
}
