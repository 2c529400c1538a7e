package dev.signalbox.ingest.cdc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What change capture needs from PostgreSQL, checked before the engine starts so that a database
 * that cannot be captured stops start-up with one message that says how to fix it.
 */
final class CapturePreconditions {

    private CapturePreconditions() {
    }

    static void verify(String jdbcUrl, String user, String password, PostgresConnection database) {
        String where = database.host() + ":" + database.port() + "/" + database.database();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            String walLevel = single(statement, "show wal_level");
            if (!"logical".equals(walLevel)) {
                throw new CaptureNotPossibleException(
                        "PostgreSQL at " + where + " runs with wal_level=" + walLevel + "; change capture needs wal_level=logical.",
                        "Set wal_level = logical in postgresql.conf (or run ALTER SYSTEM SET wal_level = logical) and restart "
                                + "PostgreSQL. On a managed database, enable its logical replication setting.",
                        null);
            }
            String mayReplicate = single(statement, "select (rolsuper or rolreplication)::text from pg_roles where rolname = current_user");
            if (!"true".equals(mayReplicate)) {
                throw new CaptureNotPossibleException(
                        "The PostgreSQL user '" + user + "' may not open a replication connection to " + where + ".",
                        "Grant it: ALTER ROLE \"" + user + "\" WITH REPLICATION; (it also needs SELECT on the captured tables).",
                        null);
            }
        } catch (SQLException e) {
            throw new CaptureNotPossibleException(
                    "Change capture cannot connect to PostgreSQL at " + where + " as '" + user + "': " + e.getMessage(),
                    "Check spring.datasource.url, username and password (SIGNALBOX_POSTGRES_URL, _USER, _PASSWORD) and that the "
                            + "server accepts connections from this host.",
                    e);
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
