package io.lotse.knowledge.classifier;

import static io.lotse.knowledge.classifier.FloatArrays.argmax;
import static io.lotse.knowledge.classifier.FloatArrays.max;
import static io.lotse.knowledge.classifier.FloatArrays.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The trained head on small hand-made data. */
class SoftmaxHeadTests {

    private static final List<String> LABELS = List.of("billing", "shipping", "password");

    /** Three clusters on the unit sphere in 8 dimensions, ten noisy examples each. */
    private static List<float[]> examples(int[] classes, long seed) {
        Random random = new Random(seed);
        List<float[]> examples = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            classes[i] = i % 3;
            examples.add(near(classes[i], random, 0.3f));
        }
        return examples;
    }

    private static float[] near(int cluster, Random random, float noise) {
        float[] vector = new float[8];
        vector[cluster * 2] = 1;
        vector[cluster * 2 + 1] = 0.5f;
        for (int k = 0; k < vector.length; k++) {
            vector[k] += (float) random.nextGaussian() * noise;
        }
        return FloatArrays.unit(vector);
    }

    @Test
    void learnsWhichClusterAVectorBelongsTo() {
        int[] classes = new int[30];
        SoftmaxHead head = SoftmaxHead.train(LABELS, examples(classes, 1), classes, SoftmaxHead.Training.DEFAULT, 1);

        Random random = new Random(99);
        for (int cluster = 0; cluster < 3; cluster++) {
            float[] probabilities = head.probabilities(near(cluster, random, 0.1f));
            assertThat(sum(probabilities)).isCloseTo(1.0, within(1e-5));
            assertThat(argmax(probabilities)).as("cluster %d", cluster).isEqualTo(cluster);
            assertThat(probabilities[cluster]).isGreaterThan(0.6f);
        }
        assertThat(head.labels()).isEqualTo(LABELS);
    }

    @Test
    void aVectorBetweenTheClustersGetsNoConfidentAnswer() {
        int[] classes = new int[30];
        SoftmaxHead head = SoftmaxHead.train(LABELS, examples(classes, 1), classes, SoftmaxHead.Training.DEFAULT, 1);

        float[] between = FloatArrays.unit(new float[] {1, 0.5f, 1, 0.5f, 1, 0.5f, 0, 0});
        float[] inside = head.probabilities(near(0, new Random(5), 0.05f));

        assertThat(max(head.probabilities(between))).isLessThan(max(inside));
    }

    @Test
    void trainingIsDeterministicOnAnyNumberOfThreads() {
        // Big enough (classes × examples) for the work to be split between threads.
        int classCount = 60;
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < classCount; c++) {
            labels.add("article-" + c);
        }
        Random random = new Random(7);
        List<float[]> examples = new ArrayList<>();
        int[] classes = new int[classCount * 15];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = i % classCount;
            float[] vector = new float[32];
            for (int k = 0; k < vector.length; k++) {
                vector[k] = (float) random.nextGaussian() + (k == classes[i] % 32 ? 3 : 0) + (k == (classes[i] * 7) % 32 ? 2 : 0);
            }
            examples.add(FloatArrays.unit(vector));
        }

        SoftmaxHead one = SoftmaxHead.train(labels, examples, classes, SoftmaxHead.Training.DEFAULT, 1);
        SoftmaxHead two = SoftmaxHead.train(labels, examples, classes, SoftmaxHead.Training.DEFAULT, 2);
        SoftmaxHead again = SoftmaxHead.train(labels, examples, classes, SoftmaxHead.Training.DEFAULT, 2);

        for (float[] example : examples.subList(0, 20)) {
            assertThat(two.probabilities(example)).containsExactly(one.probabilities(example));
            assertThat(again.probabilities(example)).containsExactly(one.probabilities(example));
        }
    }

    @Test
    void oneClassIsCertain() {
        SoftmaxHead head = SoftmaxHead.train(List.of("only"), List.of(FloatArrays.unit(new float[] {1, 2})), new int[] {0},
                SoftmaxHead.Training.DEFAULT, 1);

        assertThat(head.probabilities(FloatArrays.unit(new float[] {-1, 0.5f}))).containsExactly(1f);
    }
}
