package dev.signalbox.ingest.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import io.debezium.data.Envelope;

/**
 * Change events must come out as the bytes Kafka Connect's JsonConverter (schemas off) wrote before
 * ConnectJson replaced it: consumers parse them, and compaction and joins go by the key bytes. So
 * every case is checked against the converter itself.
 */
class ConnectJsonTest {

    private final ConnectJson json = new ConnectJson();

    /** The converter as the engine configured it. */
    private static JsonConverter converter() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        return converter;
    }

    private void assertSameAsConverter(Schema schema, Object value) {
        byte[] expected = converter().fromConnectData("topic", schema, value);
        byte[] actual = json.bytes(schema, value);
        assertThat(actual == null ? null : new String(actual, StandardCharsets.UTF_8))
                .isEqualTo(expected == null ? null : new String(expected, StandardCharsets.UTF_8));
    }

    private static final Schema ROW = SchemaBuilder.struct().name("signalbox.public.things.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("small", Schema.OPTIONAL_INT16_SCHEMA)
            .field("tiny", Schema.OPTIONAL_INT8_SCHEMA)
            .field("count", Schema.OPTIONAL_INT32_SCHEMA)
            .field("ratio", Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field("score", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("active", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("title", Schema.OPTIONAL_STRING_SCHEMA)
            .field("payload", SchemaBuilder.string().name("io.debezium.data.Json").optional().build())
            .field("price", SchemaBuilder.string().optional().build()) // decimal.handling.mode=string
            .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("created_at", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
            .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("missing", Schema.OPTIONAL_STRING_SCHEMA)
            .optional() // as Debezium's row schemas are: a create has no before, a delete no after
            .build();

    private static Struct row() {
        return new Struct(ROW)
                .put("id", 9_007_199_254_740_993L)
                .put("small", (short) -12)
                .put("tiny", (byte) 7)
                .put("count", Integer.MIN_VALUE)
                .put("ratio", 52.52f)
                .put("score", 0.1 + 0.2)
                .put("active", true)
                .put("title", "<script>alert('x')</script> \"quoted\" back\\slash / slash ümlaut 🚆 \t\n\u0001")
                .put("payload", "{\"nested\": [1, 2]}")
                .put("price", "1234.5600")
                .put("blob", new byte[] {0, 1, 2, (byte) 0xff})
                .put("created_at", 1_764_633_600_123_456L)
                .put("tags", List.of("a", "b/c"));
    }

    @Test
    void rowsWithEveryPrimitiveTypeComeOutAsTheConverterWritesThem() {
        assertSameAsConverter(ROW, row());
    }

    @Test
    void aDebeziumEnvelopeWithBeforeAfterAndSourceComesOutAsTheConverterWritesIt() {
        Schema source = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
                .field("version", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.INT64_SCHEMA)
                .field("snapshot", SchemaBuilder.string().optional().defaultValue("false").build())
                .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
                .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        Envelope envelope = Envelope.defineSchema().withName("signalbox.public.things.Envelope")
                .withRecord(ROW).withSource(source).build();
        // A streamed change leaves snapshot unset: Debezium relies on its default, "false".
        Struct sourceValue = new Struct(source).put("version", "3.6.1.Final").put("ts_ms", 1_764_633_600_123L)
                .put("lsn", 24_023_128L).put("txId", 555L);
        Struct update = envelope.update(row(), row().put("title", "changed"), sourceValue, java.time.Instant.ofEpochMilli(1_764_633_600_200L));
        assertSameAsConverter(envelope.schema(), update);
        Struct delete = envelope.delete(row(), sourceValue, java.time.Instant.ofEpochMilli(1_764_633_600_300L));
        assertSameAsConverter(envelope.schema(), delete);
    }

    @Test
    void keysComeOutAsTheConverterWritesThem() {
        Schema key = SchemaBuilder.struct().name("signalbox.public.gtfs_stop_times.Key")
                .field("feed_id", Schema.STRING_SCHEMA).field("trip_id", Schema.STRING_SCHEMA).field("stop_sequence", Schema.INT32_SCHEMA)
                .build();
        assertSameAsConverter(key, new Struct(key).put("feed_id", "de/vbb").put("trip_id", "T 1").put("stop_sequence", 3));
        // The outbox router keys its events by the aggregate id, a plain string.
        assertSameAsConverter(Schema.STRING_SCHEMA, "order-42");
    }

    @Test
    void connectLogicalTypesComeOutAsTheConverterWritesThem() {
        Schema schema = SchemaBuilder.struct()
                .field("amount", Decimal.builder(2).optional().build())
                .field("day", Date.builder().optional().build())
                .field("at", Time.builder().optional().build())
                .field("when", Timestamp.builder().optional().build())
                .build();
        Struct value = new Struct(schema)
                .put("amount", new BigDecimal("-1234.56"))
                .put("day", new java.util.Date(20_000L * 86_400_000L))
                .put("at", new java.util.Date(45_296_789L))
                .put("when", new java.util.Date(1_764_633_600_123L));
        assertSameAsConverter(schema, value);
    }

    @Test
    void mapsArraysAndBuffersComeOutAsTheConverterWritesThem() {
        Map<String, Integer> byName = new LinkedHashMap<>();
        byName.put("one", 1);
        byName.put("none", null);
        assertSameAsConverter(SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA).build(), byName);
        Map<Integer, String> byNumber = new LinkedHashMap<>();
        byNumber.put(1, "one");
        byNumber.put(2, "two");
        assertSameAsConverter(SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build(), byNumber);
        assertSameAsConverter(SchemaBuilder.array(SchemaBuilder.array(Schema.INT32_SCHEMA).build()).build(), List.of(List.of(1, 2), List.of()));
        assertSameAsConverter(Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {9, 8, 7}));
        // Where they part: the converter writes a buffer's whole backing array, ConnectJson what the buffer holds.
        assertThat(new String(json.bytes(Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {9, 8, 7}, 1, 2)), StandardCharsets.UTF_8))
                .isEqualTo("\"CAc=\"");
        assertSameAsConverter(Schema.FLOAT64_SCHEMA, Double.NaN);
    }

    @Test
    void valuesWithoutASchemaComeOutAsTheConverterWritesThem() {
        Map<String, Object> headerLike = new LinkedHashMap<>();
        headerLike.put("id", 7L);
        headerLike.put("names", List.of("a", "b"));
        headerLike.put("ok", true);
        assertSameAsConverter(null, headerLike);
        assertSameAsConverter(null, 3.5);
    }

    @Test
    void tombstonesAndMissingKeysAreNoBytesAndANullWithASchemaIsJsonNullAsTheConverterWritesThem() {
        assertThat(json.bytes(null, null)).isNull();
        assertSameAsConverter(ROW, null); // the outbox router's event for an empty payload, say
        assertSameAsConverter(SchemaBuilder.string().optional().defaultValue("INFO").build(), null);
    }

    @Test
    void aNullInARowImageStaysNullWhereTheConverterWritesTheColumnsDefaultAndOutsideRowsDefaultsAreFilledIn() {
        Schema row = SchemaBuilder.struct().name("signalbox.public.notifications.Value")
                .field("id", Schema.INT64_SCHEMA)
                .field("severity", SchemaBuilder.string().optional().defaultValue("INFO").build())
                .optional()
                .build();
        Schema source = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
                .field("snapshot", SchemaBuilder.string().optional().defaultValue("false").build())
                .build();
        Envelope envelope = Envelope.defineSchema().withName("signalbox.public.notifications.Envelope")
                .withRecord(row).withSource(source).build();
        Struct explicitNull = new Struct(row).put("id", 1L).put("severity", null);
        Struct change = envelope.create(explicitNull, new Struct(source), java.time.Instant.ofEpochMilli(1_764_633_600_200L));

        String ours = new String(json.bytes(envelope.schema(), change), StandardCharsets.UTF_8);
        String converters = new String(converter().fromConnectData("topic", envelope.schema(), change), StandardCharsets.UTF_8);
        assertThat(ours).startsWith("{\"before\":null,\"after\":{\"id\":1,\"severity\":null},\"source\":{\"snapshot\":\"false\"}");
        assertThat(converters).startsWith("{\"before\":null,\"after\":{\"id\":1,\"severity\":\"INFO\"},\"source\":{\"snapshot\":\"false\"}");
        assertThat(ours.substring(ours.indexOf("\"source\""))).isEqualTo(converters.substring(converters.indexOf("\"source\"")));

        // The same struct outside a change event is written as the converter writes it.
        assertSameAsConverter(row, explicitNull);
    }

    @Test
    void aNullWhereTheSchemaRequiresAValueIsRefusedAsTheConverterRefusesIt() {
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
        Struct unset = new Struct(schema);
        assertThatThrownBy(() -> converter().fromConnectData("topic", schema, unset)).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> json.bytes(schema, unset)).isInstanceOf(DataException.class);
    }

    @Test
    void aStructWhoseSchemaIsNotTheFieldsIsRefusedAsTheConverterRefusesIt() {
        Schema other = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();
        Schema outer = SchemaBuilder.struct().field("inner", ROW).build();
        Struct wrong = new Struct(SchemaBuilder.struct().field("inner", other).build()).put("inner", new Struct(other).put("x", 1));
        assertThatThrownBy(() -> json.bytes(outer, wrong)).isInstanceOf(DataException.class);
    }

    @Test
    void aStructWithAnEqualSchemaOfItsOwnIsWrittenEachTimeAndRefusedWhereItsSchemaIsNotTheFields() {
        Schema field = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();
        Schema sameAgain = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();
        Schema other = SchemaBuilder.struct().field("x", Schema.INT64_SCHEMA).build();
        Schema outer = SchemaBuilder.struct().field("inner", field).build();
        Struct inner = new Struct(sameAgain).put("x", 1);
        assertSameAsConverter(outer, new Struct(outer).put("inner", inner));
        assertSameAsConverter(outer, new Struct(outer).put("inner", inner));
        assertSameAsConverter(field, inner);
        // Found equal to one schema, the same struct schema must still be refused against another.
        assertThatThrownBy(() -> json.bytes(other, inner)).isInstanceOf(DataException.class);
    }
}
