package dev.signalbox.ingest.cdc;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

import io.debezium.data.Envelope;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * Writes Kafka Connect data (Debezium's change events, their keys and headers) as the JSON that
 * Kafka Connect's {@code JsonConverter} writes with schemas off, byte for byte, but in one pass
 * straight from the record: the converter builds a tree of nodes per event and the engine then
 * turns its bytes into a String, which together took a fifth of the machine's CPU in a bulk load.
 *
 * <p>One difference, on purpose: in a change event's row images ({@code before}, {@code after}) a
 * null stays null. The converter writes a field's schema default for a null
 * ({@code replace.null.with.default}, on by default), and Debezium gives columns their database
 * default as schema default, so an explicit NULL in such a column would read as the default.
 * Everywhere else defaults are filled in as the converter fills them: Debezium leaves
 * {@code source.snapshot} unset on streamed changes and relies on its default, {@code "false"}.
 *
 * <p>Not thread-safe: one per publishing thread (the engine calls its consumer from one thread).
 */
final class ConnectJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // Written out where Jackson 3 could write other bytes than the converter's Jackson 2 (keys
            // must stay the same bytes: compaction and the processor's joins go by them): no escaped
            // '/' (a default that has changed between Jackson versions), and a character beyond 16 bits (an emoji)
            // as an escaped surrogate pair, not as itself.
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    /** Bounds the pairs remembered as checked (a schema change brings new ones): at this many, all are forgotten and checked again. */
    private static final int CHECKED_SCHEMAS_KEPT = 256;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);

    /**
     * A struct's schema → the field schema it was found equal to. Schemas compare deeply, and a
     * change event's nested structs (source, before, after) carry other instances than its
     * envelope's field schemas: comparing them on every event was over a quarter of the publisher.
     */
    private final Map<Schema, Schema> checkedSchemas = new IdentityHashMap<>();

    /**
     * The JSON bytes of a value with its schema (null when there is none: a schemaless value). No
     * value and no schema (a tombstone's value, or no key) is no bytes; a null with a schema is
     * {@code null} (or the schema's default), as the converter writes it.
     */
    byte[] bytes(Schema schema, Object value) {
        if (value == null && schema == null) {
            return null;
        }
        buffer.reset();
        try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), buffer)) {
            write(json, schema, value, false);
        }
        return buffer.toByteArray();
    }

    /** True for Debezium's change-event envelope (before, after, source, op); its schema may have no name (Envelope's check needs one). */
    static boolean isChangeEvent(Schema schema) {
        return schema != null && schema.name() != null && Envelope.isEnvelopeSchema(schema);
    }

    /** @param inRow within a change event's row image, where a null is written as null, never as the default */
    private void write(JsonGenerator json, Schema schema, Object value, boolean inRow) {
        if (value == null && !inRow && schema != null && schema.defaultValue() != null) {
            value = schema.defaultValue();
        }
        if (value == null) {
            if (schema != null && !schema.isOptional()) {
                throw new DataException("Conversion error: null value for field that is required and has no default value");
            }
            json.writeNull();
            return;
        }
        if (schema == null) {
            writeSchemaless(json, value, inRow);
            return;
        }
        if (schema.name() != null && writeLogical(json, schema, value)) {
            return;
        }
        switch (schema.type()) {
            case INT8 -> json.writeNumber((Byte) value);
            case INT16 -> json.writeNumber((Short) value);
            case INT32 -> json.writeNumber((Integer) value);
            case INT64 -> json.writeNumber((Long) value);
            case FLOAT32 -> json.writeNumber((Float) value);
            case FLOAT64 -> json.writeNumber((Double) value);
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case STRING -> json.writeString(((CharSequence) value).toString());
            case BYTES -> writeBytes(json, value);
            case ARRAY -> {
                json.writeStartArray();
                for (Object element : (Collection<?>) value) {
                    write(json, schema.valueSchema(), element, inRow);
                }
                json.writeEndArray();
            }
            case MAP -> writeMap(json, schema, (Map<?, ?>) value, inRow);
            case STRUCT -> writeStruct(json, schema, (Struct) value, inRow);
        }
    }

    /** Connect's own logical types, as the converter writes them (decimals in its default BASE64 format). */
    private static boolean writeLogical(JsonGenerator json, Schema schema, Object value) {
        switch (schema.name()) {
            case Decimal.LOGICAL_NAME -> json.writeBinary(Decimal.fromLogical(schema, (BigDecimal) value));
            case Date.LOGICAL_NAME -> json.writeNumber(Date.fromLogical(schema, (java.util.Date) value));
            case Time.LOGICAL_NAME -> json.writeNumber(Time.fromLogical(schema, (java.util.Date) value));
            case Timestamp.LOGICAL_NAME -> json.writeNumber(Timestamp.fromLogical(schema, (java.util.Date) value));
            default -> {
                return false; // Debezium's semantic types (io.debezium.time.*, …) are plain values
            }
        }
        return true;
    }

    private void writeStruct(JsonGenerator json, Schema schema, Struct struct, boolean inRow) {
        checkSchema(struct.schema(), schema);
        boolean envelope = !inRow && isChangeEvent(schema); // a row image holds columns, never an envelope
        json.writeStartObject();
        for (Field field : schema.fields()) {
            json.writeName(field.name());
            // Struct.get(Field) answers a null with the field's default, which is what is written
            // outside a row image; inside one the null itself is, and only then is the name lookup needed.
            Object value = struct.get(field);
            if (inRow && value != null && field.schema().defaultValue() != null) {
                value = struct.getWithoutDefault(field.name());
            }
            boolean rowImage = envelope && (field.name().equals(Envelope.FieldName.BEFORE) || field.name().equals(Envelope.FieldName.AFTER));
            write(json, field.schema(), value, inRow || rowImage);
        }
        json.writeEndObject();
    }

    /**
     * As the converter, refuses a struct whose schema is not its field's. Each pair of built
     * schemas is compared once: a {@code ConnectSchema} is taken not to change once built, as its
     * own cached hash code already takes it (Debezium builds its schemas and never touches them again).
     */
    private void checkSchema(Schema structSchema, Schema expected) {
        if (structSchema == expected || checkedSchemas.get(structSchema) == expected) {
            return;
        }
        if (!structSchema.equals(expected)) {
            throw new DataException("Mismatching schema.");
        }
        if (structSchema instanceof ConnectSchema && expected instanceof ConnectSchema) { // a SchemaBuilder is still being built
            if (checkedSchemas.size() >= CHECKED_SCHEMAS_KEPT) {
                checkedSchemas.clear();
            }
            checkedSchemas.put(structSchema, expected);
        }
    }

    /** A map with text keys is an object; any other is an array of [key, value] pairs, as the converter writes them. */
    private void writeMap(JsonGenerator json, Schema schema, Map<?, ?> map, boolean inRow) {
        if (schema.keySchema().type() == Schema.Type.STRING) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeName(String.valueOf(entry.getKey()));
                write(json, schema.valueSchema(), entry.getValue(), inRow);
            }
            json.writeEndObject();
            return;
        }
        json.writeStartArray();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            json.writeStartArray();
            write(json, schema.keySchema(), entry.getKey(), inRow);
            write(json, schema.valueSchema(), entry.getValue(), inRow);
            json.writeEndArray();
        }
        json.writeEndArray();
    }

    private static void writeBytes(JsonGenerator json, Object value) {
        if (value instanceof byte[] bytes) {
            json.writeBinary(bytes);
        } else if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            json.writeBinary(bytes);
        } else {
            throw new DataException("Invalid type for bytes type: " + value.getClass());
        }
    }

    /** A value without a schema (a header, say), by its Java type, as the converter infers it. */
    private void writeSchemaless(JsonGenerator json, Object value, boolean inRow) {
        if (value instanceof Byte number) {
            json.writeNumber(number);
        } else if (value instanceof Short number) {
            json.writeNumber(number);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Float number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof CharSequence text) {
            json.writeString(text.toString());
        } else if (value instanceof byte[] || value instanceof ByteBuffer) {
            writeBytes(json, value);
        } else if (value instanceof Collection<?> collection) {
            json.writeStartArray();
            for (Object element : collection) {
                write(json, null, element, inRow);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            writeSchemalessMap(json, map, inRow);
        } else if (value instanceof Struct struct) {
            writeStruct(json, struct.schema(), struct, inRow);
        } else {
            throw new DataException("Java class " + value.getClass() + " does not have corresponding schema type.");
        }
    }

    private void writeSchemalessMap(JsonGenerator json, Map<?, ?> map, boolean inRow) {
        boolean textKeys = map.keySet().stream().allMatch(key -> key instanceof String);
        if (textKeys) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeName((String) entry.getKey());
                write(json, null, entry.getValue(), inRow);
            }
            json.writeEndObject();
            return;
        }
        json.writeStartArray();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            json.writeStartArray();
            write(json, null, entry.getKey(), inRow);
            write(json, null, entry.getValue(), inRow);
            json.writeEndArray();
        }
        json.writeEndArray();
    }
}
