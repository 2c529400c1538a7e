package dev.signalbox.processor.testing;

/** Debezium-shaped change events (the JSON converter without schemas), as ingest publishes them. */
public final class Changes {

    private Changes() {
    }

    /** The record key of a row with a single {@code id} primary key. */
    public static String key(long id) {
        return "{\"id\":" + id + "}";
    }

    /**
     * @param before the row before, as JSON, or {@code null}
     * @param after  the row after, as JSON, or {@code null}
     */
    public static String change(String table, String op, String before, String after, long lsn, long committedAtMillis) {
        return "{\"before\":" + before + ",\"after\":" + after + ",\"op\":\"" + op + "\",\"ts_ms\":" + committedAtMillis
                + ",\"source\":{\"connector\":\"postgresql\",\"schema\":\"public\",\"table\":\"" + table + "\",\"ts_ms\":"
                + committedAtMillis + ",\"lsn\":" + lsn + ",\"txId\":" + (lsn / 10) + "}}";
    }

    /** A JSON string literal. */
    public static String text(String value) {
        return value == null ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
