package dev.signalbox.events;

import java.time.Instant;
import java.time.LocalDate;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * An instant as ISO-8601 text in UTC, character for character what {@link Instant#toString()} (and
 * so Jackson's default, {@code DateTimeFormatter.ISO_INSTANT}) writes: {@code 2026-11-24T06:58:00Z},
 * the fraction in groups of three digits when there is one. Written by hand because the
 * formatter's general printer was about half the cost of a transit prediction's JSON and CloudEvents
 * headers, and every live event carries several instants. Years outside 0000–9999 are the
 * formatter's.
 */
public final class InstantText {

    /** 0000-01-01T00:00:00Z and the last second of 9999: the range written here. */
    private static final long FIRST_SECOND = -62_167_219_200L;
    private static final long LAST_SECOND = 253_402_300_799L;

    /** Registers {@link #format} as the JSON form of every {@link Instant}. */
    static final SimpleModule MODULE = new SimpleModule("signalbox-instant-text").addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(format(value));
        }
    });

    private InstantText() {
    }

    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        int nano = instant.getNano();
        char[] text = new char[nano == 0 ? 20 : nano % 1_000_000 == 0 ? 24 : nano % 1_000 == 0 ? 27 : 30];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        if (nano != 0) {
            text[19] = '.';
            int fractionDigits = text.length - 21;
            digits(text, 20, nano / pow10(9 - fractionDigits), fractionDigits);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static int pow10(int exponent) {
        int value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
