package dev.signalbox.ingest.schedule;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * One GTFS field and the table column it loads into, with the checks a value must pass. Values are
 * written in PostgreSQL's COPY text form: {@code \N} for null, backslash escapes inside text.
 */
final class Column {

    enum Type { TEXT, INTEGER, DECIMAL, FLAG, DATE, TIME }

    private final String field;
    private final String column;
    private final Type type;
    private final double min;
    private final double max;
    private final boolean required;
    private final String orElse;
    private final GtfsFile references;

    private Column(String field, String column, Type type, double min, double max, boolean required, String orElse, GtfsFile references) {
        this.field = field;
        this.column = column;
        this.type = type;
        this.min = min;
        this.max = max;
        this.required = required;
        this.orElse = orElse;
        this.references = references;
    }

    static Column text(String field) {
        return new Column(field, field, Type.TEXT, 0, 0, false, null, null);
    }

    static Column integer(String field, int min, int max) {
        return new Column(field, field, Type.INTEGER, min, max, false, null, null);
    }

    static Column decimal(String field, double min, double max) {
        return new Column(field, field, Type.DECIMAL, min, max, false, null, null);
    }

    static Column flag(String field) {
        return new Column(field, field, Type.FLAG, 0, 1, false, null, null);
    }

    static Column date(String field) {
        return new Column(field, field, Type.DATE, 0, 0, false, null, null);
    }

    /** A GTFS time of day (H:MM:SS, past 24:00:00 for trips after midnight) loaded as seconds. */
    static Column time(String field, String column) {
        return new Column(field, column, Type.TIME, 0, 0, false, null, null);
    }

    Column required() {
        return new Column(field, column, type, min, max, true, orElse, references);
    }

    /** The value an absent or empty field takes (agency_id may be left out when there is one agency). */
    Column orElse(String value) {
        return new Column(field, column, type, min, max, required, value, references);
    }

    /** The value must be a key of a row already loaded from {@code file}. */
    Column references(GtfsFile file) {
        return new Column(field, column, type, min, max, required, orElse, file);
    }

    String field() {
        return field;
    }

    String column() {
        return column;
    }

    boolean isRequired() {
        return required;
    }

    GtfsFile referenced() {
        return references;
    }

    /**
     * Appends the value in COPY text form.
     *
     * @throws MalformedRowException with the reason when the value does not pass this column's checks
     */
    void appendCopyValue(String raw, StringBuilder out) {
        String value = raw == null || raw.isEmpty() ? orElse : raw;
        if (value == null) {
            if (required) {
                throw new MalformedRowException("missing required field " + field);
            }
            out.append("\\N");
            return;
        }
        switch (type) {
            case TEXT -> escape(value, out);
            case INTEGER -> out.append(integerWithin(value));
            case DECIMAL -> out.append(decimalWithin(value));
            case FLAG -> out.append(integerWithin(value) == 1 ? 't' : 'f');
            case DATE -> out.append(isoDate(value));
            case TIME -> out.append(secondsOfDay(value));
        }
    }

    private long integerWithin(String value) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new MalformedRowException(field + " is not a whole number: " + quoted(value));
        }
        if (parsed < min || parsed > max) {
            throw new MalformedRowException(field + " " + parsed + " is outside " + (long) min + ".." + (long) max);
        }
        return parsed;
    }

    private double decimalWithin(String value) {
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new MalformedRowException(field + " is not a number: " + quoted(value));
        }
        if (!(parsed >= min && parsed <= max)) {
            throw new MalformedRowException(field + " " + value + " is outside " + min + ".." + max);
        }
        return parsed;
    }

    /** YYYYMMDD, as GTFS writes dates, into ISO form. */
    private String isoDate(String value) {
        if (value.length() != 8) {
            throw new MalformedRowException(field + " is not a YYYYMMDD date: " + quoted(value));
        }
        try {
            return LocalDate.of(Integer.parseInt(value, 0, 4, 10), Integer.parseInt(value, 4, 6, 10), Integer.parseInt(value, 6, 8, 10)).toString();
        } catch (NumberFormatException | DateTimeException e) {
            throw new MalformedRowException(field + " is not a YYYYMMDD date: " + quoted(value));
        }
    }

    /** H:MM:SS or HH:MM:SS; hours may pass 24 for a trip that runs after midnight of its service day. */
    private int secondsOfDay(String value) {
        int first = value.indexOf(':');
        int second = value.indexOf(':', first + 1);
        if (first < 1 || second != first + 3 || value.length() != second + 3) {
            throw new MalformedRowException(field + " is not a H:MM:SS time: " + quoted(value));
        }
        try {
            int hours = Integer.parseInt(value, 0, first, 10);
            int minutes = Integer.parseInt(value, first + 1, second, 10);
            int seconds = Integer.parseInt(value, second + 1, value.length(), 10);
            if (hours < 0 || hours > 47 || minutes > 59 || seconds > 59 || minutes < 0 || seconds < 0) {
                throw new MalformedRowException(field + " is not a valid time: " + quoted(value));
            }
            return hours * 3600 + minutes * 60 + seconds;
        } catch (NumberFormatException e) {
            throw new MalformedRowException(field + " is not a H:MM:SS time: " + quoted(value));
        }
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped. */
    static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    /** A value quoted for a problem report, cut short so one bad field cannot flood the report. */
    private static String quoted(String value) {
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }
}
