package dev.signalbox.ingest.schedule;

import java.util.Arrays;

/**
 * A set of 64-bit key hashes in one open-addressing array: eight bytes a key, so the keys of a
 * million stop times cost about 16 MB instead of the hundreds a set of strings would. Two distinct
 * keys share a hash with a chance of about 10⁻⁸ among a million keys; the import then reports a
 * false duplicate, which is why {@link #add} is only ever asked about keys that GTFS says are unique.
 */
final class KeyHashes {

    private static final long EMPTY = 0;
    private long[] slots = new long[1 << 10];
    private int size;
    private boolean holdsZero;

    /** @return false when the hash was already there */
    boolean add(long hash) {
        if (hash == EMPTY) {
            boolean added = !holdsZero;
            holdsZero = true;
            return added;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == EMPTY) {
                slots[i] = hash;
                size++;
                return true;
            }
            if (slots[i] == hash) {
                return false;
            }
        }
    }

    boolean contains(long hash) {
        if (hash == EMPTY) {
            return holdsZero;
        }
        int mask = slots.length - 1;
        for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == EMPTY) {
                return false;
            }
            if (slots[i] == hash) {
                return true;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        Arrays.stream(old).filter(hash -> hash != EMPTY).forEach(this::add);
    }

    private static int mix(long hash) {
        long h = hash * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** A 64-bit FNV-1a hash of a key's parts, separated so ("ab","c") and ("a","bc") differ. */
    static long ofParts(String[] parts) {
        long hash = 0xcbf29ce484222325L;
        for (String part : parts) {
            for (int i = 0; i < part.length(); i++) {
                hash = (hash ^ part.charAt(i)) * 0x100000001b3L;
            }
            hash = (hash ^ 0x1F) * 0x100000001b3L;
        }
        return hash;
    }

    /** A 64-bit FNV-1a hash of one value. */
    static long of(String part) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < part.length(); i++) {
            hash = (hash ^ part.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }
}
