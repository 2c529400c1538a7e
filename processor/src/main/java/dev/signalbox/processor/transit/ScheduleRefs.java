package dev.signalbox.processor.transit;

import java.util.Arrays;

/** The parts of the GTFS static schedule the transit topology looks up, as its global stores hold them. */
final class ScheduleRefs {

    private ScheduleRefs() {
    }

    record RouteRef(String shortName, String longName, int type) {
    }

    record StopRef(String name, Double latitude, Double longitude) {
    }

    record TripRef(String routeId, String headsign, Integer directionId, String serviceId) {
    }

    /** Stops packed as ints: this many per stop, its stop sequence first. */
    static final int INTS_PER_STOP = 3;

    /**
     * Where a stop is in ints packed {@value #INTS_PER_STOP} per stop, its stop sequence first, in sequence order (a
     * trip's stop times here, a trip run's last predictions in {@link TripUpdateRoute}).
     *
     * @return the stop's index among the first {@code stops}, or {@code -(insertion point) - 1}
     */
    static int searchBySequence(int[] packed, int stops, int sequence) {
        int low = 0;
        int high = stops - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int found = packed[middle * INTS_PER_STOP];
            if (found < sequence) {
                low = middle + 1;
            } else if (found > sequence) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }

    /**
     * All stop times of one trip, in stop sequence order, as one value: a trip update names many
     * stops of one trip (about eleven in the MBTA's feed), and one lookup finds them all, where a
     * store entry per stop time took a lookup per stop.
     *
     * @param times   {@value ScheduleRefs#INTS_PER_STOP} ints per stop: its stop sequence, and its arrival and departure in seconds after the
     *                service day's start ({@link #NO_TIME} when the schedule has none)
     * @param stopIds each stop's id, in the same order
     */
    record TripStops(int[] times, String[] stopIds) {

        static final int NO_TIME = Integer.MIN_VALUE;

        TripStops {
            if (times.length != stopIds.length * INTS_PER_STOP) {
                throw new IllegalArgumentException(stopIds.length + " stops need " + stopIds.length * INTS_PER_STOP + " times, not " + times.length);
            }
        }

        /** The stop's index, or -1 when the trip has no such stop sequence. */
        int indexOfSequence(int sequence) {
            int found = search(sequence);
            return found >= 0 ? found : -1;
        }

        /**
         * The index of the trip's first call at the stop, or -1. (A trip that calls twice at one stop is told
         * apart by sequence: GTFS-Realtime requires a feed to give it then.)
         */
        int indexOfStop(String stopId) {
            for (int i = 0; i < stopIds.length; i++) {
                if (stopIds[i].equals(stopId)) {
                    return i;
                }
            }
            return -1;
        }

        int sequence(int index) {
            return times[index * INTS_PER_STOP];
        }

        String stopId(int index) {
            return stopIds[index];
        }

        /** The stop's arrival time, else its departure time, or {@link #NO_TIME}. */
        int arrivalElseDeparture(int index) {
            int arrival = times[index * INTS_PER_STOP + 1];
            return arrival != NO_TIME ? arrival : times[index * INTS_PER_STOP + 2];
        }

        /** The stop's departure time, else its arrival time, or {@link #NO_TIME}. */
        int departureElseArrival(int index) {
            int departure = times[index * INTS_PER_STOP + 2];
            return departure != NO_TIME ? departure : times[index * INTS_PER_STOP + 1];
        }

        /** The trip's stops with this one added, or put in place of the one with its sequence. */
        static TripStops with(TripStops held, int sequence, String stopId, Integer arrivalSeconds, Integer departureSeconds) {
            int[] times = held == null ? new int[0] : held.times;
            String[] stopIds = held == null ? new String[0] : held.stopIds;
            int found = held == null ? -1 : held.search(sequence);
            int index = found >= 0 ? found : -found - 1;
            if (found < 0) {
                int[] grownTimes = new int[times.length + INTS_PER_STOP];
                System.arraycopy(times, 0, grownTimes, 0, index * INTS_PER_STOP);
                System.arraycopy(times, index * INTS_PER_STOP, grownTimes, (index + 1) * INTS_PER_STOP, times.length - index * INTS_PER_STOP);
                String[] grownStops = new String[stopIds.length + 1];
                System.arraycopy(stopIds, 0, grownStops, 0, index);
                System.arraycopy(stopIds, index, grownStops, index + 1, stopIds.length - index);
                times = grownTimes;
                stopIds = grownStops;
            } else {
                times = times.clone();
                stopIds = stopIds.clone();
            }
            times[index * INTS_PER_STOP] = sequence;
            times[index * INTS_PER_STOP + 1] = arrivalSeconds == null ? NO_TIME : arrivalSeconds;
            times[index * INTS_PER_STOP + 2] = departureSeconds == null ? NO_TIME : departureSeconds;
            stopIds[index] = stopId;
            return new TripStops(times, stopIds);
        }

        /** The trip's stops without the one with this sequence: this when it has none, null when none are left. */
        TripStops without(int sequence) {
            int index = search(sequence);
            if (index < 0) {
                return this;
            }
            if (stopIds.length == 1) {
                return null;
            }
            int[] shrunkTimes = new int[times.length - INTS_PER_STOP];
            System.arraycopy(times, 0, shrunkTimes, 0, index * INTS_PER_STOP);
            System.arraycopy(times, (index + 1) * INTS_PER_STOP, shrunkTimes, index * INTS_PER_STOP, times.length - (index + 1) * INTS_PER_STOP);
            String[] shrunkStops = new String[stopIds.length - 1];
            System.arraycopy(stopIds, 0, shrunkStops, 0, index);
            System.arraycopy(stopIds, index + 1, shrunkStops, index, stopIds.length - index - 1);
            return new TripStops(shrunkTimes, shrunkStops);
        }

        private int search(int sequence) {
            return searchBySequence(times, stopIds.length, sequence);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TripStops that && Arrays.equals(times, that.times) && Arrays.equals(stopIds, that.stopIds);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(times) + Arrays.hashCode(stopIds);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("TripStops[");
            for (int i = 0; i < stopIds.length; i++) {
                text.append(i == 0 ? "" : ", ").append(sequence(i)).append(' ').append(stopIds[i]).append(' ')
                        .append(times[i * INTS_PER_STOP + 1]).append('/').append(times[i * INTS_PER_STOP + 2]);
            }
            return text.append(']').toString();
        }
    }
}
