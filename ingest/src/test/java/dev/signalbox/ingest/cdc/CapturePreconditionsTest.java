package dev.signalbox.ingest.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.signalbox.ingest.IngestApplication;
import dev.signalbox.localinfra.LocalPostgres;
import dev.signalbox.localinfra.testing.TestInfrastructure;

/** A database that cannot be captured stops start-up with one message that says how to fix it. */
class CapturePreconditionsTest {

    private static final TestInfrastructure infra = TestInfrastructure.shared();

    @Test
    void aDatabaseWithoutLogicalReplicationStopsStartUp(@TempDir Path data) {
        try (LocalPostgres withoutLogical = LocalPostgres.start(data, 0, false, Map.of("wal_level", "replica"))) {
            String url = withoutLogical.createDatabaseIfAbsent("not_logical");
            FailureAnalysis analysis = startFails(url, LocalPostgres.SUPERUSER, "");
            assertThat(analysis.getDescription()).contains("wal_level=replica", "needs wal_level=logical");
            assertThat(analysis.getAction()).contains("wal_level = logical", "restart");
        }
    }

    @Test
    void aUserWithoutReplicationStopsStartUp() throws Exception {
        String database = infra.newDatabase("no_replication");
        String user = TestInfrastructure.uniqueName("plain");
        try (Connection admin = DriverManager.getConnection(database, infra.postgresUser(), infra.postgresPassword());
                Statement sql = admin.createStatement()) {
            sql.execute("create role " + user + " login password 'secret' nosuperuser noreplication");
            sql.execute("alter database " + database.substring(database.lastIndexOf('/') + 1).split("\\?")[0] + " owner to " + user);
            sql.execute("alter schema public owner to " + user);
        }
        FailureAnalysis analysis = startFails(database, user, "secret");
        assertThat(analysis.getDescription()).contains("'" + user + "' may not open a replication connection");
        assertThat(analysis.getAction()).contains("WITH REPLICATION");
    }

    private static FailureAnalysis startFails(String jdbcUrl, String user, String password) {
        String prefix = TestInfrastructure.uniqueName("cdc");
        Throwable failure = catchThrowable(() -> IngestApplication.builder().run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--signalbox.ingest.cdc.topic-prefix=" + prefix,
                "--signalbox.ingest.cdc.slot-name=" + prefix,
                "--signalbox.ingest.cdc.publication-name=" + prefix,
                "--signalbox.ingest.cdc.offsets-topic=" + prefix + ".offsets").close());
        assertThat(failure).isNotNull();
        Throwable cause = failure;
        while (cause != null && !(cause instanceof CaptureNotPossibleException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("start-up failure %s", failure).isInstanceOf(CaptureNotPossibleException.class);
        FailureAnalysis analysis = new CaptureFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        return analysis;
    }
}
