package io.lotse.benchmarks.load;

import java.util.Arrays;

/** Round-trip times, kept whole so that percentiles are exact; thread-safe. */
final class Latencies {

    private long[] nanos = new long[1 << 12];
    private int count;

    synchronized void record(long value) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = value;
    }

    synchronized int count() {
        return count;
    }

    /** The value below which {@code fraction} of the times lie, in milliseconds; NaN with none. */
    synchronized double percentileMillis(double fraction) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(fraction * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1e6;
    }
}
