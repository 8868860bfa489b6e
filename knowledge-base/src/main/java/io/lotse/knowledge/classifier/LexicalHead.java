package io.lotse.knowledge.classifier;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * A multinomial logistic regression from a text's words to the article it asks for, trained on the
 * same titles and example questions as {@link SoftmaxHead}, which sees only their vectors.
 *
 * <p>It learns which words, word pairs and four-letter pieces tell this knowledge base's articles
 * apart ("card" and "arrive" against "card" and "activate"), which a small embedding model blurs;
 * the pieces also catch inflections, typos and the parts of compounds. The features are hashed and
 * only those seen in training get weights. Training is AdaGrad over the shuffled examples, with a
 * fixed seed and order, so the same examples give the same head. Immutable once trained.
 */
public final class LexicalHead {

    /** Feature hashes are taken modulo this; collisions among the few thousand used are rare. */
    private static final int BUCKETS = 1 << 20;
    private static final int PIECE = 4;
    /** Pieces are many and overlap: each weighs half a word. */
    private static final float PIECE_WEIGHT = 0.5f;
    private static final int EPOCHS = 10;
    private static final float LEARNING_RATE = 0.5f;
    private static final float BIAS_RATE = 0.01f;
    private static final long SEED = 42;

    /** A text's features: hashed ids and their values, the vector of values of unit length. */
    record Features(int[] ids, float[] values) {}

    private final int classes;
    /** Feature hash → its row in {@code weights}. */
    private final Map<Integer, Integer> rows;
    /** Row-major, {@code [row × classes + class]}. */
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final float[] weights;
    private final float[] bias;

    private LexicalHead(int classes, Map<Integer, Integer> rows, float[] weights, float[] bias) {
        this.classes = classes;
        this.rows = rows;
        this.weights = weights;
        this.bias = bias;
    }

    /** A text in lower case (NFC), each run of characters that are neither letters nor digits one space, stripped. */
    public static String plainWords(String text) {
        String normalised = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return NOT_A_WORD.matcher(normalised).replaceAll(" ").strip();
    }

    /**
     * The features of a text: its words and word pairs (lower case, accents kept, punctuation
     * dropped) and the four-letter pieces of the words with a space at each end.
     */
    static Features features(String text) {
        String[] words = plainWords(text).split(" ");
        Map<Integer, Float> counts = new HashMap<>();
        if (words.length == 1 && words[0].isEmpty()) {
            return new Features(new int[0], new float[0]);
        }
        for (int i = 0; i < words.length; i++) {
            counts.merge(bucket("w", words[i]), 1f, Float::sum);
            if (i + 1 < words.length) {
                counts.merge(bucket("p", words[i] + ' ' + words[i + 1]), 1f, Float::sum);
            }
        }
        String joined = ' ' + String.join(" ", words) + ' ';
        for (int i = 0; i + PIECE <= joined.length(); i++) {
            counts.merge(bucket("c", joined.substring(i, i + PIECE)), PIECE_WEIGHT, Float::sum);
        }
        int[] ids = new int[counts.size()];
        float[] values = new float[counts.size()];
        double norm = 0;
        int n = 0;
        for (Map.Entry<Integer, Float> entry : counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            ids[n] = entry.getKey();
            values[n] = entry.getValue();
            norm += (double) values[n] * values[n];
            n++;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < n; i++) {
            values[i] *= scale;
        }
        return new Features(ids, values);
    }

    private static int bucket(String kind, String value) {
        return Math.floorMod((kind + value).hashCode() * 0x9E3779B1, BUCKETS);
    }

    /**
     * Trains a head.
     *
     * @param classes how many classes there are, at least one
     * @param examples each example's features
     * @param targets the class of each example, 0..classes−1
     */
    static LexicalHead train(int classes, List<Features> examples, int[] targets) {
        if (classes < 1 || examples.size() != targets.length) {
            throw new IllegalArgumentException("a head needs classes and one class per example");
        }
        Map<Integer, Integer> rows = new HashMap<>();
        for (Features example : examples) {
            for (int id : example.ids()) {
                rows.putIfAbsent(id, rows.size());
            }
        }
        float[] weights = new float[rows.size() * classes];
        float[] squares = new float[weights.length];
        float[] bias = new float[classes];
        int[][] rowsOf = new int[examples.size()][];
        for (int i = 0; i < examples.size(); i++) {
            int[] ids = examples.get(i).ids();
            rowsOf[i] = new int[ids.length];
            for (int f = 0; f < ids.length; f++) {
                rowsOf[i][f] = rows.get(ids[f]);
            }
        }
        LexicalHead head = new LexicalHead(classes, rows, weights, bias);
        if (classes == 1) {
            return head;
        }
        int[] order = new int[examples.size()];
        Arrays.setAll(order, i -> i);
        Random random = new Random(SEED);
        float[] error = new float[classes];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            for (int example : order) {
                float[] values = examples.get(example).values();
                head.logits(rowsOf[example], values, rowsOf[example].length, error);
                SoftmaxHead.softmax(error, classes);
                error[targets[example]] -= 1;
                for (int f = 0; f < values.length; f++) {
                    int offset = rowsOf[example][f] * classes;
                    float value = values[f];
                    for (int c = 0; c < classes; c++) {
                        float g = error[c] * value;
                        squares[offset + c] += g * g;
                        weights[offset + c] -= LEARNING_RATE * g / ((float) Math.sqrt(squares[offset + c]) + 1e-8f);
                    }
                }
                for (int c = 0; c < classes; c++) {
                    bias[c] -= BIAS_RATE * error[c];
                }
            }
        }
        return head;
    }

    /** The natural logarithm of each class's probability for a text's features. */
    float[] logProbabilities(Features features) {
        float[] logits = logits(features);
        float max = Float.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (float logit : logits) {
            sum += Math.exp(logit - max);
        }
        float shift = (float) (max + Math.log(sum));
        for (int c = 0; c < classes; c++) {
            logits[c] -= shift;
        }
        return logits;
    }

    /** The unnormalised log-probability of each class for a text's features (a new array). */
    float[] logits(Features features) {
        int[] known = new int[features.ids().length];
        float[] values = new float[known.length];
        int n = 0;
        for (int f = 0; f < known.length; f++) {
            Integer row = rows.get(features.ids()[f]);
            if (row != null) {
                known[n] = row;
                values[n++] = features.values()[f];
            }
        }
        float[] logits = new float[classes];
        logits(known, values, n, logits);
        return logits;
    }

    /** The logits of the first {@code count} features into {@code into}. */
    private void logits(int[] featureRows, float[] values, int count, float[] into) {
        System.arraycopy(bias, 0, into, 0, classes);
        for (int f = 0; f < count; f++) {
            int offset = featureRows[f] * classes;
            float value = values[f];
            for (int c = 0; c < classes; c++) {
                into[c] += value * weights[offset + c];
            }
        }
    }
}
