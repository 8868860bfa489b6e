package io.lotse.knowledge.classifier;

import static io.lotse.knowledge.classifier.FloatArrays.argmax;
import static io.lotse.knowledge.classifier.FloatArrays.max;
import static io.lotse.knowledge.classifier.FloatArrays.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The word head and the classifier that combines it with the vector head, on small hand-made data. */
class LexicalHeadTests {

    private static final List<String> LABELS = List.of("card-arrival", "card-activation", "refund");
    private static final List<String> TEXTS = List.of(
            "When will my card arrive?", "My card has not arrived yet", "How long does card delivery take?",
            "How do I activate my card?", "Activating the new card", "Where can I activate the card?",
            "I want my money back", "How do I get a refund?", "Refund for my order");
    private static final int[] CLASSES = {0, 0, 0, 1, 1, 1, 2, 2, 2};

    private static LexicalHead head() {
        return LexicalHead.train(LABELS.size(), TEXTS.stream().map(LexicalHead::features).toList(), CLASSES);
    }

    @Test
    void tellsArticlesApartByTheWordsThatDifferNotTheOnesTheyShare() {
        LexicalHead head = head();

        assertThat(argmax(head.logProbabilities(LexicalHead.features("has my card arrived")))).isEqualTo(0);
        assertThat(argmax(head.logProbabilities(LexicalHead.features("activate card please")))).isEqualTo(1);
        assertThat(argmax(head.logProbabilities(LexicalHead.features("REFUND!!")))).isEqualTo(2);
    }

    @Test
    void wordPiecesCatchInflectionsAndTypos() {
        LexicalHead head = head();

        // Neither "activation" nor "refunded" is an example word; their pieces are.
        assertThat(argmax(head.logProbabilities(LexicalHead.features("card activation")))).isEqualTo(1);
        assertThat(argmax(head.logProbabilities(LexicalHead.features("was it refunded")))).isEqualTo(2);
    }

    @Test
    void probabilitiesAddUpToOneAndUnknownWordsLeaveThemEven() {
        LexicalHead head = head();

        float[] known = head.logProbabilities(LexicalHead.features("refund"));
        float[] unknown = head.logProbabilities(LexicalHead.features("zzz qqq"));

        assertThat(sumOfExp(known)).isCloseTo(1.0, within(1e-5));
        assertThat(sumOfExp(unknown)).isCloseTo(1.0, within(1e-5));
        assertThat(Math.exp(max(unknown))).isLessThan(0.5);
        assertThat(Math.exp(max(known))).isGreaterThan(Math.exp(max(unknown)));
    }

    @Test
    void featuresIgnoreCaseAndPunctuationAndEmptyTextHasNone() {
        assertThat(LexicalHead.features("Refund, please!").ids()).isEqualTo(LexicalHead.features("refund please").ids());
        assertThat(LexicalHead.features("  ?! ").ids()).isEmpty();
        assertThat(LexicalHead.features(null).ids()).isEmpty();
        float[] values = LexicalHead.features("refund please").values();
        double norm = 0;
        for (float value : values) {
            norm += value * value;
        }
        assertThat(norm).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void trainingIsDeterministic() {
        float[] one = head().logProbabilities(LexicalHead.features("card not here"));
        float[] two = head().logProbabilities(LexicalHead.features("card not here"));

        assertThat(two).containsExactly(one);
    }

    @Test
    void theClassifierFollowsTheWordsWhereTheVectorsCannotTellArticlesApart() {
        // Every example has the same vector: only the words can separate the articles.
        float[] same = FloatArrays.unit(new float[] {1, 1, 0, 0});
        List<float[]> vectors = TEXTS.stream().map(text -> same).toList();
        ArticleClassifier classifier = ArticleClassifier.train(LABELS, TEXTS, vectors, CLASSES, SoftmaxHead.Training.DEFAULT, 1);

        float[] probabilities = classifier.probabilities(same, "how do I get a refund");

        assertThat(classifier.labels()).isEqualTo(LABELS);
        assertThat(sum(probabilities)).isCloseTo(1.0, within(1e-5));
        assertThat(argmax(probabilities)).isEqualTo(2);
    }

    private static double sumOfExp(float[] logs) {
        double sum = 0;
        for (float log : logs) {
            sum += Math.exp(log);
        }
        return sum;
    }
}
