package dev.signalbox.events;

/**
 * A channel: what a browser subscribes to. Dotted, lower-case segments such as {@code jobs.board}
 * or {@code transit.route.42}; {@code *.user.<userId>} channels are private to that user. A name
 * ending in {@code .*} ({@code transit.route.*}) is a wildcard: every channel one level below.
 */
public record Channel(String name) {

    private static final int MAX_LENGTH = 200;
    /** Segments after the first: at least one, at most this many (the last may be the wildcard's '*'). */
    private static final int MAX_SEGMENTS_AFTER_FIRST = 4;

    public static final Channel JOBS_BOARD = new Channel("jobs.board");

    public Channel {
        if (!isValid(name)) {
            throw new IllegalArgumentException("not a channel name: " + abbreviate(name));
        }
    }

    /**
     * A name is two to five segments joined by '.': the first a lower-case letter then letters,
     * digits, '_' or '-'; the others one or more of those (so that any id, once encoded by
     * {@link #segment}, fits), the last of them possibly '*' alone. Checked by hand, not by a
     * regular expression: every prediction the processor publishes builds a channel, and the
     * expression's matcher was 3 % of the transit stream thread.
     */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || !isLowerCaseLetter(name.charAt(0))) {
            return false;
        }
        int dots = 0;
        int segmentLength = 1;
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (segmentLength == 0) {
                    return false; // an empty segment
                }
                dots++;
                segmentLength = 0;
            } else if (c == '*') {
                // A wildcard is a whole segment, and the last.
                return segmentLength == 0 && i == name.length() - 1 && dots <= MAX_SEGMENTS_AFTER_FIRST;
            } else if (isLowerCaseLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                segmentLength++;
            } else {
                return false;
            }
        }
        return segmentLength > 0 && dots >= 1 && dots <= MAX_SEGMENTS_AFTER_FIRST;
    }

    private static boolean isLowerCaseLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** True for a name ending in {@code .*}: a subscription to every channel one level below it. */
    public boolean isWildcard() {
        return name.endsWith(".*");
    }

    /**
     * Whether the channel named {@code key} is this one, or (for a wildcard) one level below it:
     * {@code transit.route.*} matches {@code transit.route.42}, not {@code transit.route}, {@code transit.route.42.x}
     * or a key that is no channel name ({@code transit.route.X}).
     */
    public boolean matches(String key) {
        if (!isWildcard()) {
            return name.equals(key);
        }
        int prefix = name.length() - 1;
        return key != null && key.length() > prefix && key.regionMatches(0, name, 0, prefix) && key.indexOf('.', prefix) < 0 && isValid(key);
    }

    /** The wildcard one level above this channel ({@code transit.route.42} → {@code transit.route.*}), or null for a domain's top level. */
    public static String wildcardAbove(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? null : key.substring(0, dot + 1) + "*";
    }

    /**
     * An id from the outside world (a user id, a GTFS stop id) as one channel segment: lower-case
     * letters, digits and '-' stand for themselves, and every other character is written as '_'
     * followed by the two lower-case hex digits of each of its UTF-8 bytes. The encoding is
     * deterministic and one-to-one, so "Ada" and "ada" are different channels, as they are different ids.
     */
    public static String segment(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("an id must not be empty");
        }
        StringBuilder segment = new StringBuilder(id.length() + 8);
        for (byte b : id.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                segment.append(c);
            } else {
                segment.append('_').append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
        }
        return segment.toString();
    }

    /** The first segment, which names the domain and so its live topic ({@code jobs} → {@code live.jobs}). */
    public String domain() {
        return name.substring(0, name.indexOf('.'));
    }

    /** True for {@code <domain>.user.<userId>}: only that user (or an admin) may subscribe. */
    public boolean isPrivate() {
        String[] segments = name.split("\\.");
        return segments.length == 3 && segments[1].equals("user");
    }

    @Override
    public String toString() {
        return name;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
