package dev.signalbox.ingest.cdc;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How much write-ahead log the replication slot makes PostgreSQL keep. It grows while capture is
 * down or slow; unbounded, it fills the database's disk. A metric, and a health WARNING past the
 * configured threshold.
 */
final class CaptureSlotMonitor implements HealthIndicator {

    static final Status WARNING = new Status("WARNING", "the replication slot retains more WAL than the warning threshold");

    private final JdbcClient jdbc;
    private final String slotName;
    private final long warningBytes;

    CaptureSlotMonitor(JdbcClient jdbc, String slotName, long warningBytes, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.slotName = slotName;
        this.warningBytes = warningBytes;
        Gauge.builder("signalbox.cdc.slot.retained.wal", this, CaptureSlotMonitor::retainedBytesOrNaN)
                .description("Write-ahead log PostgreSQL keeps for the capture slot")
                .baseUnit("bytes")
                .tag("slot", slotName)
                .register(registry);
    }

    /** Bytes of WAL retained, or -1 while the slot does not exist yet. */
    long retainedBytes() {
        return jdbc.sql("select coalesce((select pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint "
                        + "from pg_replication_slots where slot_name = ?), -1)")
                .param(slotName)
                .query(Long.class)
                .single();
    }

    private double retainedBytesOrNaN() {
        long bytes = retainedBytes();
        return bytes < 0 ? Double.NaN : bytes;
    }

    @Override
    public Health health() {
        long bytes = retainedBytes();
        if (bytes < 0) {
            return Health.unknown().withDetail("slot", slotName).withDetail("reason", "slot not created yet").build();
        }
        Health.Builder health = bytes > warningBytes ? Health.status(WARNING) : Health.up();
        return health.withDetail("slot", slotName).withDetail("retainedWalBytes", bytes).withDetail("warningBytes", warningBytes).build();
    }
}
