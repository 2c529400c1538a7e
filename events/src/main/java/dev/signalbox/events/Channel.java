package dev.signalbox.events;

import java.util.regex.Pattern;

/**
 * A channel: what a browser subscribes to. Dotted, lower-case segments such as {@code jobs.board}
 * or {@code transit.route.42}; {@code *.user.<userId>} channels are private to that user.
 */
public record Channel(String name) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9][a-z0-9_-]*){1,4}");
    private static final int MAX_LENGTH = 200;

    public static final Channel JOBS_BOARD = new Channel("jobs.board");

    public Channel {
        if (!isValid(name)) {
            throw new IllegalArgumentException("not a channel name: " + abbreviate(name));
        }
    }

    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
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
