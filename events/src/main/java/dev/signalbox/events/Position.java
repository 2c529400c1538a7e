package dev.signalbox.events;

/**
 * A channel's position: the partition of its live topic and the Kafka offset in it. Because a
 * channel is a record key, all of it lives in one partition, and the offset is its sequence number.
 *
 * <p>Clients treat the encoded form as opaque; it is stable across gateway instances and restarts
 * because it is the broker's own offset.
 */
public record Position(int partition, long offset) {

    public Position {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative: " + partition);
        }
        if (offset < -1) {
            throw new IllegalArgumentException("offset must be -1 (before the first) or more: " + offset);
        }
    }

    /** Parses the form {@link #encode()} writes; throws {@link IllegalArgumentException} on anything else. */
    public static Position parse(String encoded) {
        if (encoded == null || encoded.length() > 40) {
            throw new IllegalArgumentException("not a position");
        }
        int dash = encoded.indexOf('-', 1);
        if (dash < 0) {
            throw new IllegalArgumentException("not a position");
        }
        try {
            return new Position(Integer.parseInt(encoded.substring(0, dash)), Long.parseLong(encoded.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a position", e);
        }
    }

    /**
     * Several positions, one per partition, as a wildcard subscription's position is written:
     * {@code "0-41,1-17,2-99"}. Throws {@link IllegalArgumentException} on anything else, and on a
     * partition named twice.
     */
    public static java.util.List<Position> parseAll(String encoded) {
        if (encoded == null || encoded.isEmpty() || encoded.length() > 40 * 256) {
            throw new IllegalArgumentException("not a position");
        }
        java.util.List<Position> positions = new java.util.ArrayList<>();
        java.util.Set<Integer> partitions = new java.util.HashSet<>();
        for (String part : encoded.split(",", -1)) {
            Position position = parse(part);
            if (!partitions.add(position.partition())) {
                throw new IllegalArgumentException("a position names partition " + position.partition() + " twice");
            }
            positions.add(position);
        }
        return java.util.List.copyOf(positions);
    }

    /** The form {@link #parseAll} reads, in partition order. */
    public static String encodeAll(java.util.Collection<Position> positions) {
        return positions.stream().sorted(java.util.Comparator.comparingInt(Position::partition)).map(Position::encode)
                .collect(java.util.stream.Collectors.joining(","));
    }

    public String encode() {
        return partition + "-" + offset;
    }

    @Override
    public String toString() {
        return encode();
    }
}
