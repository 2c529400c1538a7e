package dev.signalbox.ingest.outbox;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.signalbox.events.Json;

/**
 * The transactional outbox: writes an explicit event into the {@code outbox} table inside the
 * caller's transaction, so the event exists if and only if the change it describes committed.
 * Change capture routes each row to {@code outbox.<aggregateType>}, keyed by the aggregate id, with
 * the row's id in the {@code id} header.
 */
@Component
public class OutboxWriter {

    private final JdbcClient jdbc;

    OutboxWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the event's id */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID publish(String aggregateType, String aggregateId, String type, Object payload) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into outbox (id, aggregatetype, aggregateid, type, payload) values (?, ?, ?, ?, ?::jsonb)")
                .params(id, aggregateType, aggregateId, type, Json.MAPPER.writeValueAsString(payload))
                .update();
        return id;
    }
}
