package dev.signalbox.localinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Database-level chores any PostgreSQL (embedded, container or external) needs for Signalbox. */
public final class PostgresAdmin {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private PostgresAdmin() {
    }

    public static void createDatabaseIfAbsent(String adminJdbcUrl, String user, String password, String database) {
        if (!IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password)) {
            try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                // CREATE DATABASE takes no bind parameters; the name was checked above.
                statement.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " at " + adminJdbcUrl, e);
        }
    }
}
