package dev.signalbox.processor.state;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import dev.signalbox.events.Json;
import tools.jackson.core.JacksonException;

/**
 * A compact binary serde for the records the processor keeps to itself: state store values and
 * repartitioned observations, which nobody outside a topology reads. Kafka Streams' store cache
 * holds bytes, so every {@code get} and {@code put} of a store decodes or encodes its value; in
 * JSON (through Jackson's data binding) that was about a third of the transit stream thread's time.
 *
 * <p>The format: a format byte ({@value #FORMAT}); then per record the number of its components, a
 * fingerprint of their names and types, and each component as a tag and its value (strings as
 * UTF-8, whole numbers as zig-zag varints, doubles as 8 bytes, instants as seconds and
 * nanoseconds, enums by name, records nested the same way, int arrays as their length and each
 * value as a zig-zag varint, string arrays as their length and each string as a value). Components are stored by position, so
 * the fingerprint guards them: a record may gain components at its end (they read as null, 0 or
 * false from older values); any other change to its components (a rename, a reorder, a new type,
 * one removed) makes its older values unreadable, with an error that says so, rather than read
 * into the wrong components. A value that starts with '{' is JSON, as stores and topics written
 * by earlier versions hold it, and is read as such. There is no way back: a version from before
 * this format cannot read it.
 *
 * <p>Components may be strings, ints, longs, doubles, booleans (boxed or not), instants, enums,
 * records of the same, int arrays and string arrays.
 */
public final class StateSerde<T extends Record> implements Serde<T> {

    /** The first byte of every value in this format; JSON starts with '{'. */
    static final byte FORMAT = 1;

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte FALSE = 5;
    private static final byte TRUE = 6;
    private static final byte INSTANT = 7;
    private static final byte RECORD = 8;
    private static final byte ENUM = 9;
    private static final byte INT_ARRAY = 10;
    private static final byte STRING_ARRAY = 11;

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return new Shape(type);
        }
    };

    private final Class<T> type;

    public StateSerde(Class<T> type) {
        this.type = type;
        SHAPES.get(type); // fail now, at topology build, on a record this format cannot hold
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes, topic);
    }

    byte[] encode(T value) {
        Writer out = new Writer();
        out.bytes[out.size++] = FORMAT;
        writeRecord(out, SHAPES.get(type), value);
        return Arrays.copyOf(out.bytes, out.size);
    }

    T decode(byte[] bytes, String topic) {
        if (bytes.length > 0 && bytes[0] == '{') {
            try {
                return Json.MAPPER.readValue(bytes, type);
            } catch (JacksonException e) {
                throw new SerializationException("not a " + type.getSimpleName() + " (JSON) on " + topic, e);
            }
        }
        if (bytes.length == 0 || bytes[0] != FORMAT) {
            throw new SerializationException("not a " + type.getSimpleName() + " on " + topic + ": unknown format "
                    + (bytes.length == 0 ? "(empty)" : String.valueOf(bytes[0])));
        }
        try {
            Reader in = new Reader(bytes);
            in.position = 1;
            T value = type.cast(readRecord(in, SHAPES.get(type)));
            if (in.position != bytes.length) {
                throw new SerializationException(bytes.length - in.position + " bytes after the value");
            }
            return value;
        } catch (RuntimeException e) {
            throw new SerializationException("not a " + type.getSimpleName() + " on " + topic + ": " + e.getMessage(), e);
        }
    }

    /** A record type's components, their accessors and its canonical constructor. */
    private static final class Shape {

        final Class<?> type;
        final Class<?>[] componentTypes;
        final String[] componentNames;
        final MethodHandle[] accessors;
        final MethodHandle constructor;
        /** {@code prefixFingerprints[k]}: the fingerprint of the first k components. */
        final int[] prefixFingerprints;

        Shape(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " is not a record");
            }
            this.type = type;
            RecordComponent[] components = type.getRecordComponents();
            componentTypes = new Class<?>[components.length];
            componentNames = new String[components.length];
            accessors = new MethodHandle[components.length];
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                for (int i = 0; i < components.length; i++) {
                    componentTypes[i] = components[i].getType();
                    componentNames[i] = components[i].getName();
                    checkSupported(type, components[i]);
                    accessors[i] = lookup.unreflect(components[i].getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
                }
                prefixFingerprints = new int[components.length + 1];
                StringBuilder signature = new StringBuilder();
                prefixFingerprints[0] = signature.toString().hashCode();
                for (int i = 0; i < components.length; i++) {
                    signature.append(componentNames[i]).append(':').append(typeName(componentTypes[i])).append(';');
                    prefixFingerprints[i + 1] = signature.toString().hashCode(); // String.hashCode is specified: stable across JVMs
                }
                constructor = lookup.findConstructor(type, MethodType.methodType(void.class, componentTypes))
                        .asSpreader(Object[].class, components.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot read or build " + type.getName(), e);
            }
        }

        private static String typeName(Class<?> type) {
            return type.isEnum() ? "enum " + type.getSimpleName() : type.isRecord() ? "record " + type.getSimpleName() : type.getSimpleName();
        }

        private static void checkSupported(Class<?> record, RecordComponent component) {
            Class<?> t = component.getType();
            boolean supported = t == String.class || t == int.class || t == Integer.class || t == long.class || t == Long.class
                    || t == double.class || t == Double.class || t == boolean.class || t == Boolean.class || t == Instant.class
                    || t.isEnum() || t.isRecord() || t == int[].class || t == String[].class;
            if (!supported) {
                throw new IllegalArgumentException(record.getName() + "." + component.getName() + " is a " + t.getName()
                        + ", which StateSerde does not hold");
            }
            if (t.isRecord()) {
                SHAPES.get(t);
            }
        }
    }

    private static void writeRecord(Writer out, Shape shape, Object record) {
        out.varint(shape.accessors.length);
        out.fixed32(shape.prefixFingerprints[shape.accessors.length]);
        for (int i = 0; i < shape.accessors.length; i++) {
            Object value;
            try {
                value = (Object) shape.accessors[i].invokeExact(record);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + shape.type.getSimpleName() + "." + shape.componentNames[i], e);
            }
            writeValue(out, value);
        }
    }

    private static void writeValue(Writer out, Object value) {
        if (value == null) {
            out.tag(NULL);
        } else if (value instanceof String text) {
            out.tag(STRING);
            out.text(text);
        } else if (value instanceof Integer number) {
            out.tag(INT);
            out.zigzag(number);
        } else if (value instanceof Long number) {
            out.tag(LONG);
            out.zigzag(number);
        } else if (value instanceof Double number) {
            out.tag(DOUBLE);
            out.fixed64(Double.doubleToRawLongBits(number));
        } else if (value instanceof Boolean bool) {
            out.tag(bool ? TRUE : FALSE);
        } else if (value instanceof Instant instant) {
            out.tag(INSTANT);
            out.zigzag(instant.getEpochSecond());
            out.varint(instant.getNano());
        } else if (value instanceof Enum<?> constant) {
            out.tag(ENUM);
            out.text(constant.name());
        } else if (value instanceof Record record) {
            out.tag(RECORD);
            writeRecord(out, SHAPES.get(record.getClass()), record);
        } else if (value instanceof int[] numbers) {
            out.tag(INT_ARRAY);
            out.varint(numbers.length);
            for (int number : numbers) {
                out.zigzag(number);
            }
        } else if (value instanceof String[] texts) {
            out.tag(STRING_ARRAY);
            out.varint(texts.length);
            for (String text : texts) {
                if (text == null) {
                    out.tag(NULL);
                } else {
                    out.tag(STRING);
                    out.text(text);
                }
            }
        } else {
            throw new IllegalArgumentException("StateSerde does not hold a " + value.getClass().getName());
        }
    }

    private static Object readRecord(Reader in, Shape shape) {
        int stored = in.varint();
        int fingerprint = in.fixed32();
        int current = shape.componentTypes.length;
        if (stored > current || shape.prefixFingerprints[stored] != fingerprint) {
            throw new IllegalArgumentException("the value was written when " + shape.type.getSimpleName() + " had other components ("
                    + stored + ", now " + current + "): only components added at its end are read from older values; reset its stores");
        }
        Object[] arguments = new Object[current];
        for (int i = 0; i < stored; i++) {
            arguments[i] = readValue(in, shape, i);
        }
        for (int i = 0; i < current; i++) {
            if (arguments[i] == null && shape.componentTypes[i].isPrimitive()) {
                arguments[i] = zero(shape.componentTypes[i]);
            }
        }
        try {
            return (Object) shape.constructor.invokeExact(arguments);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot build " + shape.type.getSimpleName(), e);
        }
    }

    private static Object readValue(Reader in, Shape shape, int component) {
        Class<?> expected = shape.componentTypes[component];
        byte tag = in.bytes[in.position++];
        Object value = switch (tag) {
            case NULL -> null;
            case STRING -> in.text();
            case INT -> Integer.valueOf((int) in.zigzag());
            case LONG -> Long.valueOf(in.zigzag());
            case DOUBLE -> Double.valueOf(Double.longBitsToDouble(in.fixed64()));
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case INSTANT -> Instant.ofEpochSecond(in.zigzag(), in.varint());
            case ENUM -> enumConstant(expected, in.text(), shape, component);
            case RECORD -> expected.isRecord() ? readRecord(in, SHAPES.get(expected)) : mismatch(shape, component, "a record");
            case INT_ARRAY -> in.intArray();
            case STRING_ARRAY -> in.textArray();
            default -> throw new IllegalArgumentException("unknown tag " + tag + " for " + shape.type.getSimpleName() + "."
                    + shape.componentNames[component]);
        };
        if (value != null && !box(expected).isInstance(value)) {
            // A whole number kept as an int is still a long's value.
            if (value instanceof Integer number && box(expected) == Long.class) {
                return number.longValue();
            }
            return mismatch(shape, component, "a " + value.getClass().getSimpleName());
        }
        return value;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> expected, String name, Shape shape, int component) {
        if (!expected.isEnum()) {
            return mismatch(shape, component, "an enum constant");
        }
        return Enum.valueOf((Class) expected, name);
    }

    private static Object mismatch(Shape shape, int component, String found) {
        throw new IllegalArgumentException(shape.type.getSimpleName() + "." + shape.componentNames[component] + " is a "
                + shape.componentTypes[component].getSimpleName() + ", the value holds " + found);
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        return Boolean.class;
    }

    private static Object zero(Class<?> primitive) {
        if (primitive == int.class) {
            return 0;
        }
        if (primitive == long.class) {
            return 0L;
        }
        if (primitive == double.class) {
            return 0.0;
        }
        return false;
    }

    private static final class Writer {

        byte[] bytes = new byte[64];
        int size;

        void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void tag(byte tag) {
            ensure(1);
            bytes[size++] = tag;
        }

        void varint(long value) {
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
        }

        void zigzag(long value) {
            varint((value << 1) ^ (value >> 63));
        }

        void fixed32(int value) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        void fixed64(long value) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        void text(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }
    }

    private static final class Reader {

        final byte[] bytes;
        int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int varint() {
            long value = varlong();
            if (value > Integer.MAX_VALUE || value < 0) {
                throw new IllegalArgumentException("a length or count out of range: " + value);
            }
            return (int) value;
        }

        long varlong() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("a varint longer than 10 bytes");
        }

        long zigzag() {
            long raw = varlong();
            return (raw >>> 1) ^ -(raw & 1);
        }

        int fixed32() {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                value = (value << 8) | (bytes[position++] & 0xFF);
            }
            return value;
        }

        long fixed64() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (bytes[position++] & 0xFF);
            }
            return value;
        }

        int[] intArray() {
            int length = varint();
            if (length > bytes.length - position) {
                throw new IllegalArgumentException("an array longer than the value");
            }
            int[] numbers = new int[length];
            for (int i = 0; i < length; i++) {
                numbers[i] = (int) zigzag();
            }
            return numbers;
        }

        String[] textArray() {
            int length = varint();
            if (length > bytes.length - position) {
                throw new IllegalArgumentException("an array longer than the value");
            }
            String[] texts = new String[length];
            for (int i = 0; i < length; i++) {
                byte tag = bytes[position++];
                if (tag == STRING) {
                    texts[i] = text();
                } else if (tag != NULL) {
                    throw new IllegalArgumentException("unknown tag " + tag + " in a string array");
                }
            }
            return texts;
        }

        String text() {
            int length = varint();
            if (length > bytes.length - position) {
                throw new IllegalArgumentException("a string longer than the value");
            }
            String text = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }
    }
}
