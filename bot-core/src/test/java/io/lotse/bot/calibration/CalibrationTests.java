package io.lotse.bot.calibration;

import static io.lotse.bot.Fixtures.SHIPPING;
import static io.lotse.bot.Fixtures.SHIPPING_COST;
import static io.lotse.bot.Fixtures.hit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.lotse.bot.BotSettings;
import io.lotse.bot.Fixtures;
import io.lotse.bot.calibration.Calibration.Result;
import io.lotse.bot.calibration.Calibration.Sample;
import io.lotse.bot.decision.ConfidenceModel;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.SearchHit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTests {

    private static final SyntheticQuestions QUESTIONS = new SyntheticQuestions(1);
    private static final List<Sample> VALIDATION = QUESTIONS.draw(2000, 200);
    private static final Result FITTED = Calibration.fit(VALIDATION);
    /**
     * The fitted model with its embedding signals in use. In this synthetic world the words and the
     * retriever's order tell almost as much, so the calibration itself may rest on them.
     */
    private static final CalibratedConfidence FITTED_SEMANTIC = new CalibratedConfidence(FITTED.model().semantic(),
            FITTED.model().lexical());

    /** The most confident hit of a sample: its confidence and whether it is the expected article. */
    private record Top(double confidence, boolean right) {}

    private static Top top(ConfidenceModel model, Sample sample) {
        double[] confidences = model.confidences(sample.hits());
        int best = 0;
        for (int i = 1; i < confidences.length; i++) {
            if (confidences[i] > confidences[best]) {
                best = i;
            }
        }
        String id = sample.hits().get(best).article().id();
        return new Top(confidences[best], id.equals(sample.expectedArticleId()));
    }

    @Test
    void realOutOfScopeQuestionsAreUsedWhenThereAreEnough() {
        assertThat(FITTED.source()).isEqualTo(Calibration.Source.OUT_OF_SCOPE_QUESTIONS);
        assertThat(FITTED.inScopeSamples()).isEqualTo(2000);
        assertThat(FITTED.outOfScopeSamples()).isEqualTo(200);
        assertThat(FITTED.model()).isNotSameAs(CalibratedConfidence.defaults());
    }

    @Test
    void theFittedConfidenceRisesWithTheClassifiersProbabilityAndTheCosine() {
        Logistic semantic = FITTED.model().semantic();

        assertThat(semantic.weights()[0]).as("log-odds of the probability").isPositive();
        assertThat(semantic.weights()[1]).as("cosine").isPositive();
        double weak = FITTED_SEMANTIC.confidences(List.of(hit(SHIPPING, 0.3, 0.7, 0.5, 3)))[0];
        double strong = FITTED_SEMANTIC.confidences(List.of(hit(SHIPPING, 0.9, 0.9, 0.5, 3)))[0];
        assertThat(strong).isGreaterThan(weak).isLessThan(1.0);
        assertThat(weak).isGreaterThan(0.0);
    }

    @Test
    void aCloseCompetitorLowersTheConfidence() {
        double alone = FITTED_SEMANTIC.confidences(List.of(hit(SHIPPING, 0.55, 0.85, 1, 6), hit(SHIPPING_COST, 0.05, 0.6, 0.5, 3)))[0];
        double contested = FITTED_SEMANTIC.confidences(List.of(hit(SHIPPING, 0.55, 0.85, 1, 6), hit(SHIPPING_COST, 0.40, 0.6, 0.5, 3)))[0];

        assertThat(contested).isLessThan(alone);
    }

    @Test
    void theAnswerThresholdKeepsTheBalancedWrongAnswerRateWithinFivePercent() {
        double threshold = FITTED.answerThreshold();
        int inScope = 0;
        int inScopeWrong = 0;
        int inScopeRight = 0;
        int outOfScope = 0;
        int outOfScopeAnswered = 0;
        for (Sample sample : VALIDATION) {
            Top top = top(FITTED.model(), sample);
            boolean answered = top.confidence() >= threshold;
            if (sample.outOfScope()) {
                outOfScope++;
                outOfScopeAnswered += answered ? 1 : 0;
            } else {
                inScope++;
                inScopeWrong += answered && !top.right() ? 1 : 0;
                inScopeRight += answered && top.right() ? 1 : 0;
            }
        }
        double balancedWrong = 0.5 * inScopeWrong / inScope + 0.5 * outOfScopeAnswered / outOfScope;

        assertThat(balancedWrong).isLessThanOrEqualTo(Calibration.DEFAULT_MAX_WRONG_ANSWER_RATE);
        assertThat(FITTED.inScopeAccuracy()).isEqualTo((double) inScopeRight / inScope);
        assertThat(FITTED.outOfScopeRecall()).isEqualTo(1 - (double) outOfScopeAnswered / outOfScope);
        assertThat(FITTED.inScopeAccuracy()).isGreaterThan(0.7);
        assertThat(FITTED.clarifyThreshold()).isLessThanOrEqualTo(threshold).isGreaterThan(0);
    }

    @Test
    void aStricterWrongAnswerRateRaisesTheThreshold() {
        Result strict = Calibration.fit(VALIDATION, 0.01);
        Result lenient = Calibration.fit(VALIDATION, 0.15);

        assertThat(strict.answerThreshold()).isGreaterThan(FITTED.answerThreshold());
        assertThat(lenient.answerThreshold()).isLessThan(FITTED.answerThreshold());
        assertThat(lenient.inScopeAccuracy()).isGreaterThan(strict.inScopeAccuracy());
    }

    @Test
    void theConfidenceIsCalibratedOnFreshQuestionsOfTheSameMix() {
        List<Sample> fresh = new SyntheticQuestions(2).draw(3000, 3000);
        double[] confidenceSum = new double[10];
        int[] right = new int[10];
        int[] count = new int[10];
        for (Sample sample : fresh) {
            Top top = top(FITTED.model(), sample);
            int bucket = Math.min(9, (int) (top.confidence() * 10));
            confidenceSum[bucket] += top.confidence();
            right[bucket] += top.right() ? 1 : 0;
            count[bucket]++;
        }
        for (int bucket = 0; bucket < 10; bucket++) {
            if (count[bucket] >= 200) {
                assertThat((double) right[bucket] / count[bucket]).as("bucket %d", bucket)
                        .isCloseTo(confidenceSum[bucket] / count[bucket], offset(0.08));
            }
        }
    }

    @Test
    void theConfidenceMeansTheSameWhateverTheShareOfOutOfScopeSamples() {
        Result few = Calibration.fit(new SyntheticQuestions(3).draw(3000, 100));
        Result many = Calibration.fit(new SyntheticQuestions(4).draw(1000, 1000));
        List<SearchHit> hits = List.of(hit(SHIPPING, 0.6, 0.82, 0.8, 5), hit(SHIPPING_COST, 0.2, 0.7, 0.5, 3));

        assertThat(few.model().confidences(hits)[0]).isCloseTo(many.model().confidences(hits)[0], offset(0.1));
        assertThat(few.answerThreshold()).isCloseTo(many.answerThreshold(), offset(0.1));
    }

    @Test
    void withoutOutOfScopeQuestionsTheSamplesAreAlsoAskedWithoutTheirArticle() {
        List<Sample> inScopeOnly = new SyntheticQuestions(5).draw(2000, 0);

        Result result = Calibration.fit(inScopeOnly);

        assertThat(result.source()).isEqualTo(Calibration.Source.HELD_OUT_ARTICLES);
        assertThat(result.outOfScopeSamples()).isEqualTo(2000);
        List<Sample> outOfScope = new SyntheticQuestions(6).draw(0, 1000);
        long caught = outOfScope.stream().filter(s -> top(result.model(), s).confidence() < result.answerThreshold()).count();
        assertThat(caught).as("out-of-scope questions not answered").isGreaterThan(500);
    }

    @Test
    void withoutRealOutOfScopeQuestionsOffTopicOnesStandForTheFarOnesBesideTheNearMisses() {
        List<Sample> inScopeOnly = new SyntheticQuestions(5).draw(2000, 0);
        List<Sample> offTopic = offTopic(200);

        Result nearMissesOnly = Calibration.fit(inScopeOnly);
        Result both = Calibration.fit(inScopeOnly, offTopic, Calibration.DEFAULT_MAX_WRONG_ANSWER_RATE);

        assertThat(both.source()).isEqualTo(Calibration.Source.HELD_OUT_ARTICLES);
        assertThat(both.outOfScopeSamples()).isEqualTo(2200);
        // The two kinds carry half of the out-of-scope weight each, however many there are of each.
        double threshold = both.answerThreshold();
        double nearRecall = inScopeOnly.stream().map(Sample::withoutItsArticle)
                .filter(s -> top(both.model(), s).confidence() < threshold).count() / 2000.0;
        double offRecall = offTopic.stream().filter(s -> top(both.model(), s).confidence() < threshold).count() / 200.0;
        assertThat(both.outOfScopeRecall()).isCloseTo(0.5 * nearRecall + 0.5 * offRecall, offset(1e-9));
        assertThat(offRecall).isGreaterThan(0.95);
        // Off-topic questions are easier to tell from right answers than near misses: no more
        // answerable questions are kept back, and fresh out-of-scope ones are still mostly caught.
        assertThat(both.inScopeAccuracy()).isGreaterThanOrEqualTo(nearMissesOnly.inScopeAccuracy());
        List<Sample> fresh = new SyntheticQuestions(6).draw(0, 1000);
        long caught = fresh.stream().filter(s -> top(both.model(), s).confidence() < threshold).count();
        assertThat(caught).as("out-of-scope questions not answered").isGreaterThan(500);
    }

    /** Questions far from every article: weak signals all round, weaker than a real out-of-scope question's. */
    private static List<Sample> offTopic(int count) {
        java.util.Random random = new java.util.Random(12);
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<SearchHit> hits = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                Article article = SyntheticQuestions.ARTICLES.get(random.nextInt(SyntheticQuestions.ARTICLES.size()));
                if (hits.stream().noneMatch(hit -> hit.article().equals(article))) {
                    hits.add(hit(article, 0.02 + 0.15 * random.nextDouble(), 0.45 + 0.15 * random.nextDouble(),
                            0.2 * random.nextDouble(), random.nextDouble()));
                }
            }
            samples.add(Sample.outOfScope(hits));
        }
        return samples;
    }

    @Test
    void offTopicQuestionsAreIgnoredWhenThereAreEnoughRealOutOfScopeOnes() {
        Result with = Calibration.fit(VALIDATION, new SyntheticQuestions(13).draw(0, 300), Calibration.DEFAULT_MAX_WRONG_ANSWER_RATE);
        List<SearchHit> hits = List.of(hit(SHIPPING, 0.6, 0.82, 0.8, 5), hit(SHIPPING_COST, 0.2, 0.7, 0.5, 3));

        assertThat(with.source()).isEqualTo(Calibration.Source.OUT_OF_SCOPE_QUESTIONS);
        assertThat(with.outOfScopeSamples()).isEqualTo(FITTED.outOfScopeSamples());
        assertThat(with.answerThreshold()).isEqualTo(FITTED.answerThreshold());
        assertThat(with.model().confidences(hits)).containsExactly(FITTED.model().confidences(hits));
    }

    @Test
    void aFewRealOutOfScopeQuestionsAreNotEnoughToGoOn() {
        Result result = Calibration.fit(new SyntheticQuestions(7).draw(500, Calibration.MIN_OUT_OF_SCOPE - 1));

        assertThat(result.source()).isEqualTo(Calibration.Source.HELD_OUT_ARTICLES);
        assertThat(result.outOfScopeSamples()).isEqualTo(500 + Calibration.MIN_OUT_OF_SCOPE - 1);
    }

    @Test
    void tooFewSamplesGiveTheDefaults() {
        Result result = Calibration.fit(new SyntheticQuestions(8).draw(Calibration.MIN_IN_SCOPE - 1, 50));

        assertThat(result).isEqualTo(Calibration.defaults());
        assertThat(result.source()).isEqualTo(Calibration.Source.DEFAULTS);
        assertThat(Calibration.fit(List.of()).source()).isEqualTo(Calibration.Source.DEFAULTS);
    }

    @Test
    void samplesWithoutAnyRightArticleGiveTheDefaults() {
        List<Sample> hopeless = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            hopeless.add(Sample.inScope(List.of(hit(SHIPPING_COST, 0.5, 0.8, 1, 4)), SHIPPING.id()));
        }

        assertThat(Calibration.fit(hopeless).source()).isEqualTo(Calibration.Source.DEFAULTS);
    }

    @Test
    void theDefaultsAreUsable() {
        Result defaults = Calibration.defaults();

        assertThat(defaults.answerThreshold()).isBetween(Calibration.MIN_THRESHOLD, Calibration.MAX_THRESHOLD);
        assertThat(defaults.clarifyThreshold()).isLessThan(defaults.answerThreshold());
        assertThat(defaults.model()).isSameAs(CalibratedConfidence.defaults());
        assertThat(defaults.describe()).startsWith("source=defaults");
    }

    @Test
    void anArticleLeftOutMakesTheOthersShareItsProbability() {
        Sample sample = Sample.inScope(List.of(hit(SHIPPING, 0.6, 0.9, 1, 8), hit(SHIPPING_COST, 0.2, 0.7, 0.5, 3)), SHIPPING.id());

        Sample without = sample.withoutItsArticle();

        assertThat(without.outOfScope()).isTrue();
        assertThat(without.hits()).hasSize(1);
        assertThat(without.hits().getFirst().article()).isEqualTo(SHIPPING_COST);
        assertThat(without.hits().getFirst().probability()).isCloseTo(0.5, offset(1e-12));
        assertThat(without.hits().getFirst().cosine()).isEqualTo(0.7);
    }

    @Test
    void hitsWithoutEmbeddingsCalibrateTheLexicalModelOnly() {
        List<Sample> lexical = new ArrayList<>();
        for (Sample sample : new SyntheticQuestions(9).draw(1000, 300)) {
            lexical.add(new Sample(sample.hits().stream()
                    .map(h -> new SearchHit(h.article(), h.bm25(), h.coverage(), h.matchedText()))
                    .toList(), sample.expectedArticleId()));
        }

        Result result = Calibration.fit(lexical);

        assertThat(result.model().semantic()).isEqualTo(CalibratedConfidence.defaults().semantic());
        assertThat(result.model().lexical()).isNotEqualTo(CalibratedConfidence.defaults().lexical());
        assertThat(result.model().lexical().weights()[0]).as("coverage").isPositive();
    }

    @Test
    void appliedToSettingsItKeepsTheirOtherValues() {
        BotSettings base = new BotSettings(0.6, 0.4, 0.07, 3, 8);

        BotSettings applied = FITTED.applyTo(base);

        assertThat(applied.answerThreshold()).isEqualTo(FITTED.answerThreshold());
        assertThat(applied.clarifyThreshold()).isEqualTo(FITTED.clarifyThreshold());
        assertThat(applied.clarifyMargin()).isEqualTo(0.07);
        assertThat(applied.maxUnanswered()).isEqualTo(3);
        assertThat(applied.candidates()).isEqualTo(8);
    }

    @Test
    void aWrongAnswerRateOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> Calibration.fit(VALIDATION, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Calibration.fit(VALIDATION, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void embeddingSignalsThatTellNothingAreLeftOutOfTheConfidence() {
        // An embedding model that does not know the language: its signals are as high for a wrong
        // article as for the right one, while the words tell them apart.
        List<Sample> samples = twoHitQuestions(9, 1.0, (right, wrong, random) -> {
            double p = 0.3 + 0.4 * random.nextDouble();
            return List.of(
                    Fixtures.hit(right, p, 0.6 + 0.2 * random.nextDouble(), 0.9 + 0.1 * random.nextDouble(), 8 + 2 * random.nextDouble()),
                    Fixtures.hit(wrong, 1 - p, 0.6 + 0.2 * random.nextDouble(), 0.1 * random.nextDouble(), random.nextDouble()));
        });

        assertThat(Calibration.fit(samples).model().usesSemantic()).isFalse();
    }

    @Test
    void whereTheConfidenceRestsOnTheWordsTheRetrieversOrderStillCounts() {
        // German with an English embedding model: the classifier and the cosine say nothing, the
        // words little, but the fused ranking puts the right article first four times in five.
        List<Sample> samples = twoHitQuestions(13, 0.8, wordsTellNothing(0.3, 0.4, 0.6, 0.6));

        CalibratedConfidence model = Calibration.fit(samples).model();

        assertThat(model.usesSemantic()).isFalse();
        double[] twins = model.confidences(List.of(hit(SHIPPING, 0.5, 0.7, 0.5, 5), hit(SHIPPING_COST, 0.5, 0.7, 0.5, 5)));
        assertThat(twins[0]).as("the same words, ranked first").isGreaterThan(twins[1] + 0.05);
    }

    @Test
    void embeddingSignalsThatTellMoreThanTheWordsAndTheOrderAreKept() {
        // The mirror image: the words and the retriever's order are as likely to favour the wrong
        // article as the right one, while the classifier and the cosine tell them apart.
        List<Sample> samples = twoHitQuestions(11, 0.5, wordsTellNothing(0.6, 0.35, 0.8, 0.5));

        assertThat(Calibration.fit(samples).model().usesSemantic()).isTrue();
    }

    /** Draws the hits of one question: the right article's, then the wrong one's. */
    private interface TwoHits {
        List<SearchHit> draw(Article right, Article wrong, Random random);
    }

    /**
     * Two hits whose words are drawn alike (coverage 0..1, BM25 0..10): the right article's
     * probability {@code p} from {@code pFrom} to {@code pFrom + pSpan}, the wrong one's {@code 1 − p};
     * each cosine from its given start, over 0.2 (0.15 for the right one above 0.8).
     */
    private static TwoHits wordsTellNothing(double pFrom, double pSpan, double rightCosineFrom, double wrongCosineFrom) {
        return (right, wrong, random) -> {
            double p = pFrom + pSpan * random.nextDouble();
            double rightCosineSpan = Math.min(0.2, 0.95 - rightCosineFrom);
            return List.of(
                    Fixtures.hit(right, p, rightCosineFrom + rightCosineSpan * random.nextDouble(), random.nextDouble(), 10 * random.nextDouble()),
                    Fixtures.hit(wrong, 1 - p, wrongCosineFrom + 0.2 * random.nextDouble(), random.nextDouble(), 10 * random.nextDouble()));
        };
    }

    /** 400 in-scope questions of two hits each, the right article's ranked first in the given share of them. */
    private static List<Sample> twoHitQuestions(long seed, double rightFirst, TwoHits hits) {
        Random random = new Random(seed);
        List<Article> articles = SyntheticQuestions.ARTICLES;
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Article right = articles.get(i % articles.size());
            List<SearchHit> drawn = hits.draw(right, articles.get((i + 1) % articles.size()), random);
            samples.add(Sample.inScope(random.nextDouble() < rightFirst ? drawn : drawn.reversed(), right.id()));
        }
        return samples;
    }
}
