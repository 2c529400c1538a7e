package dev.signalbox.ingest.cdc;

import java.net.URI;

/** Host, port and database of a {@code jdbc:postgresql://host:port/database?…} URL, for Debezium. */
record PostgresConnection(String host, int port, String database) {

    static PostgresConnection fromJdbcUrl(String jdbcUrl) {
        String prefix = "jdbc:postgresql://";
        if (jdbcUrl == null || !jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("change capture needs a jdbc:postgresql:// URL, got: " + jdbcUrl);
        }
        if (jdbcUrl.substring(prefix.length()).split("/", 2)[0].contains(",")) {
            throw new IllegalArgumentException("change capture needs one PostgreSQL host (the primary), got: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String path = uri.getPath();
        if (uri.getHost() == null || path == null || path.length() < 2) {
            throw new IllegalArgumentException("change capture needs host and database in the URL, got: " + jdbcUrl);
        }
        return new PostgresConnection(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, path.substring(1));
    }
}
