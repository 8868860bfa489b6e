package io.lotse.knowledge.classifier;

import io.lotse.knowledge.embeddings.Embedder;

/** Small sums and maxima over a classifier's scores, and unit vectors, for the tests of the heads. */
final class FloatArrays {

    private FloatArrays() {}

    /** The index of the largest value (the first of equals). */
    static int argmax(float[] values) {
        int best = 0;
        for (int j = 1; j < values.length; j++) {
            if (values[j] > values[best]) {
                best = j;
            }
        }
        return best;
    }

    static float max(float[] values) {
        return values[argmax(values)];
    }

    static double sum(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += value;
        }
        return sum;
    }

    /** The vector scaled to length 1, as the index's embedder hands vectors to the heads; a zero vector stays zero. */
    static float[] unit(float[] vector) {
        return Embedder.normalized(vector);
    }
}
