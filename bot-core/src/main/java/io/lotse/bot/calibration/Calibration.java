package io.lotse.bot.calibration;

import io.lotse.bot.BotSettings;
import io.lotse.bot.decision.Decider;
import io.lotse.knowledge.HeldOutQuestion;
import io.lotse.knowledge.SearchHit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Fits a {@link CalibratedConfidence} and chooses the answer and clarify thresholds, on labelled
 * questions that the knowledge base was not built from.
 *
 * <p>Each sample is one question with the retriever's hits for it and the article that answers it,
 * or none (out of scope). Every hit of every sample is an example for a logistic regression: right
 * when it is the expected article. In-scope and out-of-scope questions weigh half each, however
 * many there are of each, so the confidence means the same whatever mix the samples had: the
 * probability that the article is right when half of the questions asked have no article.
 *
 * <p>Out-of-scope questions come from the samples when there are at least
 * {@value #MIN_OUT_OF_SCOPE} (a validation set with {@code oos} rows). Otherwise they are simulated
 * in two kinds that carry half of the out-of-scope weight each ({@value #OFF_TOPIC_SHARE}): near
 * misses, each in-scope question asked as if its article did not exist (its article's hit removed
 * and the classifier's probabilities of the others renormalised, {@code p / (1 − p_removed)},
 * exactly what the classifier's softmax gives without that class); and off-topic questions that no
 * support knowledge base answers ({@link OffTopicQuestions}: the weather, a recipe). Real
 * out-of-scope traffic lies between the two: near misses alone made a bot that kept back one in six
 * answerable BANKING77 questions.
 *
 * <p>With real out-of-scope questions, the answer threshold is the lowest confidence at which the
 * wrong-answer rate on the samples, re-weighted to {@value #OUT_OF_SCOPE_SHARE} out-of-scope
 * questions, stays within the allowed rate (default {@value #DEFAULT_MAX_WRONG_ANSWER_RATE}): answer
 * as much as possible without answering wrongly more often than that. A threshold tuned on the raw
 * mix would not carry over: a validation split with 3 % out-of-scope questions says little about
 * traffic with 18 %. Simulated ones are no sample of real traffic, so with them the threshold
 * balances in-scope accuracy and their (weighted) recall instead, a wrong answer to an answerable
 * question counting {@value #WRONG_ANSWER_COST} against it and an out-of-scope question
 * {@value #SIMULATED_OUT_OF_SCOPE_WEIGHT} of an answerable one (traffic with one in three out of
 * scope). Where the embedding
 * signals do not do clearly better on the samples than the words alone (an embedding model that
 * does not know the language), the confidence rests on the words and on which hit the retriever
 * ranked first (its fused ranking still helps there). Below the answer threshold the bot offers its
 * likeliest articles ("Did you mean …?") when the chance that the right one is among them reaches the
 * clarify threshold: the lowest chance at which such a question is still more often right than not
 * on the samples (see {@code Tops#clarifyThreshold}); the defaults keep {@value #CLARIFY_RATIO} of the
 * answer threshold. Thresholds stay within {@value #MIN_THRESHOLD}..{@value #MAX_THRESHOLD}.
 */
public final class Calibration {

    /** The default for the wrong-answer rate the thresholds allow. */
    public static final double DEFAULT_MAX_WRONG_ANSWER_RATE = 0.05;
    /** Fewer in-scope samples than this fit nothing: the defaults are used. */
    static final int MIN_IN_SCOPE = 20;
    /** From this many real out-of-scope samples on, they are used instead of held-out articles. */
    static final int MIN_OUT_OF_SCOPE = 10;
    static final double OUT_OF_SCOPE_SHARE = 0.5;
    /**
     * Without real out-of-scope samples, what a wrong answer to an answerable question costs, in right
     * answers: more than the nothing an honest handoff costs.
     */
    static final double WRONG_ANSWER_COST = 0.5;
    /** Without real out-of-scope samples: the share of the simulated ones that off-topic questions carry. */
    static final double OFF_TOPIC_SHARE = 0.5;
    /**
     * Without real out-of-scope samples: how much an out-of-scope question counts in the balance,
     * against an answerable one's 1. Real traffic holds fewer questions without an article than with
     * one (CLINC150's test split 18 %); one in three is assumed. Checked against CLINC150's validation
     * split: with its 100 real out-of-scope questions the wrong-answer cap puts the answer threshold
     * at 0.27 under the self-calibrated model; on the held-out samples this weight puts it at 0.35,
     * any weight from 0.35 to 0.6 at about the same, and 1 at 0.50.
     */
    static final double SIMULATED_OUT_OF_SCOPE_WEIGHT = 0.5;
    static final double CLARIFY_RATIO = 0.75;
    /** The clarify threshold never goes below this: under it a question is as good as unknown. */
    static final double MIN_CLARIFY_THRESHOLD = 0.02;
    static final double MIN_THRESHOLD = 0.05;
    static final double MAX_THRESHOLD = 0.95;
    static final double RIDGE = 1e-3;
    /** Chosen with the default model on CLINC150's validation split, by the rule above. */
    static final double DEFAULT_ANSWER_THRESHOLD = 0.23;

    private Calibration() {}

    /**
     * One labelled question and what the retriever found for it.
     *
     * @param hits the retriever's hits for the question, as the engine gets them
     * @param expectedArticleId the article that answers it, or {@code null} when none does (out of scope)
     */
    public record Sample(List<SearchHit> hits, String expectedArticleId) {

        public Sample {
            hits = hits == null ? List.of() : hits.stream().filter(hit -> hit != null && hit.article() != null).toList();
        }

        public static Sample inScope(List<SearchHit> hits, String articleId) {
            return new Sample(hits, Objects.requireNonNull(articleId, "articleId"));
        }

        public static Sample outOfScope(List<SearchHit> hits) {
            return new Sample(hits, null);
        }

        /** An example question of the knowledge base, searched without itself in the index. */
        public static Sample heldOut(HeldOutQuestion question) {
            return inScope(question.hits(), question.expectedArticleId());
        }

        public boolean outOfScope() {
            return expectedArticleId == null;
        }

        boolean isRight(SearchHit hit) {
            return expectedArticleId != null && expectedArticleId.equals(hit.article().id());
        }

        /** The same question as if its article did not exist: an out-of-scope sample. */
        Sample withoutItsArticle() {
            double removed = 0;
            for (SearchHit hit : hits) {
                if (isRight(hit) && !Double.isNaN(hit.probability())) {
                    removed = hit.probability();
                }
            }
            double rest = Math.max(1e-9, 1 - removed);
            List<SearchHit> others = new ArrayList<>(hits.size());
            for (SearchHit hit : hits) {
                if (!isRight(hit)) {
                    double probability = Double.isNaN(hit.probability()) ? Double.NaN : Math.min(1, hit.probability() / rest);
                    others.add(new SearchHit(hit.article(), hit.score(), hit.coverage(), hit.matchedText(), hit.bm25(),
                            hit.cosine(), probability));
                }
            }
            return new Sample(others, null);
        }
    }

    /** Where the out-of-scope side of a calibration came from. */
    public enum Source {
        /** Nothing was fitted: the model and thresholds fitted once on a public dataset. */
        DEFAULTS,
        /** Real out-of-scope questions among the samples. */
        OUT_OF_SCOPE_QUESTIONS,
        /** In-scope questions asked as if their article did not exist. */
        HELD_OUT_ARTICLES
    }

    /**
     * A fitted confidence and the thresholds chosen with it.
     *
     * @param model the confidence model
     * @param answerThreshold the least confidence at which to answer
     * @param clarifyThreshold the least confidence at which to offer an article in a clarifying question
     * @param source where the out-of-scope side came from
     * @param inScopeSamples how many in-scope samples were used
     * @param outOfScopeSamples how many out-of-scope samples (real or held-out articles) were used
     * @param inScopeAccuracy on the samples at the answer threshold: the share of in-scope ones answered right ({@code NaN} for defaults)
     * @param outOfScopeRecall on the samples at the answer threshold: the share of out-of-scope ones not answered ({@code NaN} for defaults)
     */
    public record Result(CalibratedConfidence model, double answerThreshold, double clarifyThreshold, Source source,
            int inScopeSamples, int outOfScopeSamples, double inScopeAccuracy, double outOfScopeRecall) {

        public Result {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(source, "source");
            if (!(clarifyThreshold >= 0 && clarifyThreshold <= answerThreshold && answerThreshold <= 1)) {
                throw new IllegalArgumentException("thresholds must satisfy 0 <= clarify <= answer <= 1");
            }
        }

        /** The base settings with these thresholds; margin, handoff count and candidates stay. */
        public BotSettings applyTo(BotSettings base) {
            return new BotSettings(answerThreshold, clarifyThreshold, base.clarifyMargin(), base.maxUnanswered(),
                    base.candidates());
        }

        /** One line for logs and the evaluation report. */
        public String describe() {
            return String.format(Locale.ROOT, "source=%s in_scope=%d out_of_scope=%d answer_threshold=%.3f clarify_threshold=%.3f"
                            + " sample_in_scope_accuracy=%.4f sample_oos_recall=%.4f",
                    source.name().toLowerCase(Locale.ROOT), inScopeSamples, outOfScopeSamples, answerThreshold,
                    clarifyThreshold, inScopeAccuracy, outOfScopeRecall);
        }
    }

    /** The model and thresholds fitted once on a public dataset, for a knowledge base not calibrated yet. */
    public static Result defaults() {
        return new Result(CalibratedConfidence.defaults(), DEFAULT_ANSWER_THRESHOLD, DEFAULT_ANSWER_THRESHOLD * CLARIFY_RATIO,
                Source.DEFAULTS, 0, 0, Double.NaN, Double.NaN);
    }

    /** Fits on the samples, allowing {@value #DEFAULT_MAX_WRONG_ANSWER_RATE} wrong answers. */
    public static Result fit(List<Sample> samples) {
        return fit(samples, DEFAULT_MAX_WRONG_ANSWER_RATE);
    }

    /** Fits on the samples without off-topic questions (see {@link #fit(List, List, double)}). */
    public static Result fit(List<Sample> samples, double maxWrongAnswerRate) {
        return fit(samples, List.of(), maxWrongAnswerRate);
    }

    /**
     * Fits the confidence model on the samples and chooses the thresholds; the defaults when there
     * are fewer than {@value #MIN_IN_SCOPE} in-scope samples or nothing to tell right from wrong.
     *
     * @param offTopic questions no knowledge base of this kind answers ({@link OffTopicQuestions}), searched
     *     like the samples; without real out-of-scope samples they stand for the questions far from
     *     every article, as the held-out articles stand for the near ones; ignored with real ones
     * @param maxWrongAnswerRate the wrong-answer rate, 0..1, the answer threshold allows on the re-weighted samples
     */
    public static Result fit(List<Sample> samples, List<Sample> offTopic, double maxWrongAnswerRate) {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(offTopic, "offTopic");
        if (!(maxWrongAnswerRate >= 0 && maxWrongAnswerRate <= 1)) {
            throw new IllegalArgumentException("maxWrongAnswerRate must be between 0 and 1: " + maxWrongAnswerRate);
        }
        List<Sample> inScope = samples.stream().filter(s -> s != null && !s.outOfScope()).toList();
        List<Sample> realOutOfScope = samples.stream().filter(s -> s != null && s.outOfScope()).toList();
        if (inScope.size() < MIN_IN_SCOPE) {
            return defaults();
        }
        boolean real = realOutOfScope.size() >= MIN_OUT_OF_SCOPE;
        List<Group> outOfScope;
        if (real) {
            outOfScope = List.of(new Group(realOutOfScope, 1));
        } else {
            // The few real ones there are count with the near misses, as one of them.
            List<Sample> nearMisses = new ArrayList<>(realOutOfScope);
            inScope.forEach(sample -> nearMisses.add(sample.withoutItsArticle()));
            List<Sample> farOff = offTopic.stream().filter(s -> s != null).map(s -> Sample.outOfScope(s.hits())).toList();
            double share = farOff.isEmpty() ? 0 : OFF_TOPIC_SHARE;
            outOfScope = share == 0 ? List.of(new Group(nearMisses, 1)) : List.of(new Group(nearMisses, 1 - share), new Group(farOff, share));
        }
        CalibratedConfidence defaults = CalibratedConfidence.defaults();
        Logistic semantic = fitOne(inScope, outOfScope, true, HitFeatures::semantic, HitFeatures.SEMANTIC, defaults.semantic());
        Logistic lexical = fitOne(inScope, outOfScope, false, HitFeatures::lexical, HitFeatures.LEXICAL, defaults.lexical());
        if (semantic == defaults.semantic() && lexical == defaults.lexical()) {
            return defaults();
        }
        CalibratedConfidence both = new CalibratedConfidence(semantic, lexical);
        Chosen withEmbeddings = choose(both, inScope, outOfScope, real, maxWrongAnswerRate);
        // Embedding signals help only where the model knows the language (the packaged ones are
        // English): keep the semantic model only when it does clearly better on these samples than
        // the words alone, by more than 1/√n (about two standard errors of a share of n samples);
        // a lead within the noise of a small sample is not worth the less predictable model.
        Chosen wordsOnly = choose(both.lexicalOnly(), inScope, outOfScope, real, maxWrongAnswerRate);
        double margin = 1 / Math.sqrt(inScope.size());
        return (withEmbeddings.quality() > wordsOnly.quality() + margin ? withEmbeddings : wordsOnly).result();
    }

    /** Out-of-scope samples of one kind and the share of all out-of-scope weight they carry. */
    private record Group(List<Sample> samples, double share) {}

    /**
     * The thresholds of one model. Real out-of-scope questions: a cap on wrong answers. Simulated ones
     * (a question whose own article is gone, and off-topic questions) are no sample of real traffic:
     * the near misses are far harder to tell from right answers than real questions, the off-topic
     * ones far easier, so a cap on them answers almost nothing or almost everything; the threshold
     * that balances in-scope accuracy and their recall carries over to real questions instead.
     */
    private static Chosen choose(CalibratedConfidence model, List<Sample> inScope, List<Group> outOfScope, boolean real,
            double maxWrongAnswerRate) {
        Tops tops = Tops.of(model, inScope, outOfScope);
        double answer = clamp(real ? tops.lowestThreshold(OUT_OF_SCOPE_SHARE, maxWrongAnswerRate) : tops.balancedThreshold());
        double outOfScopeShare = real ? OUT_OF_SCOPE_SHARE : SIMULATED_OUT_OF_SCOPE_WEIGHT / (1 + SIMULATED_OUT_OF_SCOPE_WEIGHT);
        double clarify = Math.min(answer, Math.max(MIN_CLARIFY_THRESHOLD, tops.clarifyThreshold(answer, outOfScopeShare)));
        int outOfScopeCount = outOfScope.stream().mapToInt(group -> group.samples().size()).sum();
        Result result = new Result(model, answer, clarify,
                real ? Source.OUT_OF_SCOPE_QUESTIONS : Source.HELD_OUT_ARTICLES, inScope.size(), outOfScopeCount,
                tops.inScopeAccuracy(answer), tops.outOfScopeRecall(answer));
        return new Chosen(result, real ? tops.inScopeAccuracy(answer) : tops.inScopeAccuracy(answer) + tops.outOfScopeRecall(answer));
    }

    /**
     * One model's thresholds, and how well they separate on the samples (higher is better): with
     * real out-of-scope questions, the in-scope accuracy within the wrong-answer cap; with simulated
     * ones, in-scope accuracy plus out-of-scope recall. The wrong-answer cost that placed the
     * threshold is left out here: it would favour whichever model answers less, not the one that
     * tells right from wrong better.
     */
    private record Chosen(Result result, double quality) {}

    /**
     * Fits one of the two models on every hit of every sample it applies to (semantic: samples whose
     * hits all carry embedding signals); the fallback when that leaves no right or no wrong example.
     * In-scope samples carry half the weight, the out-of-scope groups the other half by their shares.
     */
    private static Logistic fitOne(List<Sample> inScope, List<Group> outOfScope, boolean needsEmbeddings,
            Function<List<SearchHit>, double[][]> features, List<String> names, Logistic fallback) {
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        boolean[] seen = new boolean[2];
        List<Group> groups = new ArrayList<>();
        groups.add(new Group(inScope, 1));
        groups.addAll(outOfScope);
        for (Group group : groups) {
            List<Sample> usable = group.samples().stream()
                    .filter(s -> !s.hits().isEmpty() && (!needsEmbeddings || s.hits().stream().allMatch(SearchHit::hasEmbeddingSignals)))
                    .toList();
            for (Sample sample : usable) {
                double[][] rows = features.apply(sample.hits());
                for (int i = 0; i < rows.length; i++) {
                    boolean right = sample.isRight(sample.hits().get(i));
                    seen[right ? 1 : 0] = true;
                    x.add(rows[i]);
                    y.add(right ? 1.0 : 0.0);
                    w.add(0.5 * group.share() / usable.size());
                }
            }
        }
        if (!seen[0] || !seen[1]) {
            return fallback;
        }
        return Logistic.fit(x.toArray(double[][]::new), y.stream().mapToDouble(Double::doubleValue).toArray(),
                w.stream().mapToDouble(Double::doubleValue).toArray(), RIDGE, names);
    }

    private static double clamp(double threshold) {
        return Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, threshold));
    }

    /** Each sample's most confident hit under a model: its confidence and whether it is right. */
    private record Tops(double[] inScopeConfidence, boolean[] inScopeRight, boolean[] inScopeOffered, double[] inScopeChance,
            double[] outOfScopeConfidence, double[] outOfScopeChance, int[] outOfScopeGroup, double[] groupShare, int[] groupSize) {

        static Tops of(CalibratedConfidence model, List<Sample> inScope, List<Group> outOfScope) {
            double[] inConfidence = new double[inScope.size()];
            boolean[] inRight = new boolean[inScope.size()];
            boolean[] inOffered = new boolean[inScope.size()];
            double[] inChance = new double[inScope.size()];
            for (int i = 0; i < inScope.size(); i++) {
                Sample sample = inScope.get(i);
                double[] confidences = model.confidences(sample.hits());
                int top = argMax(confidences);
                inConfidence[i] = top < 0 ? 0 : confidences[top];
                inRight[i] = top >= 0 && sample.isRight(sample.hits().get(top));
                inOffered[i] = offered(sample, confidences);
                inChance[i] = chance(confidences);
            }
            int count = outOfScope.stream().mapToInt(group -> group.samples().size()).sum();
            double[] outConfidence = new double[count];
            double[] outChance = new double[count];
            int[] outGroup = new int[count];
            double[] shares = new double[outOfScope.size()];
            int[] sizes = new int[outOfScope.size()];
            int i = 0;
            for (int g = 0; g < outOfScope.size(); g++) {
                Group group = outOfScope.get(g);
                shares[g] = group.share();
                sizes[g] = group.samples().size();
                for (Sample sample : group.samples()) {
                    double[] confidences = model.confidences(sample.hits());
                    int top = argMax(confidences);
                    outConfidence[i] = top < 0 ? 0 : confidences[top];
                    outChance[i] = chance(confidences);
                    outGroup[i++] = g;
                }
            }
            return new Tops(inConfidence, inRight, inOffered, inChance, outConfidence, outChance, outGroup, shares, sizes);
        }

        /** Whether the right article is among those a clarifying question below the answer threshold would offer. */
        private static boolean offered(Sample sample, double[] confidences) {
            for (int hit : likeliest(confidences)) {
                if (sample.isRight(sample.hits().get(hit))) {
                    return true;
                }
            }
            return false;
        }

        /** The chance, by the confidences, that the right article is among those a clarifying question would offer. */
        private static double chance(double[] confidences) {
            double sum = 0;
            for (int hit : likeliest(confidences)) {
                sum += confidences[hit];
            }
            return Math.min(1, sum);
        }

        /** The hits {@link Decider} would offer below the answer threshold: the top one and the next, each from its floor. */
        private static List<Integer> likeliest(double[] confidences) {
            Integer[] order = new Integer[confidences.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(confidences[y], confidences[x]));
            List<Integer> offered = new ArrayList<>();
            for (int rank = 0; rank < order.length && offered.size() < Decider.MAX_CLARIFY; rank++) {
                if (rank == 0 || confidences[order[rank]] >= Decider.OFFER_FLOOR) {
                    offered.add(order[rank]);
                }
            }
            return offered;
        }

        /**
         * The clarify threshold: the lowest chance (of the right article being among those offered) at
         * which "Did you mean …?" is still more often right than not on the samples below the answer
         * threshold, out-of-scope questions carrying {@code outOfScopeShare} of the weight (out of scope, offering
         * anything is wrong); the answer threshold when no chance is.
         */
        double clarifyThreshold(double answer, double outOfScopeShare) {
            double[] chances = new double[inScopeChance.length + outOfScopeChance.length];
            System.arraycopy(inScopeChance, 0, chances, 0, inScopeChance.length);
            System.arraycopy(outOfScopeChance, 0, chances, inScopeChance.length, outOfScopeChance.length);
            Arrays.sort(chances);
            double best = answer;
            for (int i = chances.length - 1; i >= 0; i--) {
                double threshold = chances[i];
                if (threshold < MIN_CLARIFY_THRESHOLD) {
                    break;
                }
                if (clarifyPrecision(answer, threshold, outOfScopeShare) >= 0.5) {
                    best = Math.min(best, threshold);
                }
            }
            return best;
        }

        /** Of the samples a clarifying question would be put to (below the answer threshold, chance from the threshold), the weighted share offered their article. */
        private double clarifyPrecision(double answer, double threshold, double outOfScopeShare) {
            double good = 0;
            double bad = 0;
            double inWeight = inScopeConfidence.length == 0 ? 0 : (1 - outOfScopeShare) / inScopeConfidence.length;
            for (int i = 0; i < inScopeConfidence.length; i++) {
                if (inScopeConfidence[i] < answer && inScopeChance[i] >= threshold) {
                    if (inScopeOffered[i]) {
                        good += inWeight;
                    } else {
                        bad += inWeight;
                    }
                }
            }
            double shares = 0;
            for (int g = 0; g < groupSize.length; g++) {
                shares += groupSize[g] > 0 ? groupShare[g] : 0;
            }
            for (int i = 0; i < outOfScopeConfidence.length; i++) {
                int g = outOfScopeGroup[i];
                if (outOfScopeConfidence[i] < answer && outOfScopeChance[i] >= threshold && shares > 0) {
                    bad += outOfScopeShare * groupShare[g] / shares / groupSize[g];
                }
            }
            return good + bad == 0 ? 0 : good / (good + bad);
        }


        /**
         * The lowest threshold at which {@code (1 − share) · in-scope answered wrongly + share ·
         * out-of-scope answered} is at most {@code maxRate}; the wrong-answer rate only falls as the
         * threshold rises. Candidates are the top confidences themselves (at or above them counts as
         * answered), and just above the highest, where nothing is answered.
         */
        double lowestThreshold(double share, double maxRate) {
            double[] candidates = candidates();
            boolean withOutOfScope = outOfScopeConfidence.length > 0;
            for (double threshold : candidates) {
                double rate = withOutOfScope
                        ? (1 - share) * inScopeWrong(threshold) + share * (1 - outOfScopeRecall(threshold))
                        : inScopeWrong(threshold);
                if (rate <= maxRate + 1e-12) {
                    return threshold;
                }
            }
            return candidates.length == 0 ? MAX_THRESHOLD : Math.nextUp(candidates[candidates.length - 1]);
        }

        /**
         * The threshold of the most valuable decisions: in-scope accuracy plus
         * {@value #SIMULATED_OUT_OF_SCOPE_WEIGHT} times the out-of-scope recall
         * minus {@value #WRONG_ANSWER_COST} times the in-scope questions answered wrongly; the lowest of equals.
         */
        double balancedThreshold() {
            double[] candidates = candidates();
            double best = candidates.length == 0 ? MAX_THRESHOLD : candidates[0];
            double bestScore = Double.NEGATIVE_INFINITY;
            for (double threshold : candidates) {
                double score = balancedValue(threshold);
                if (score > bestScore + 1e-12) {
                    bestScore = score;
                    best = threshold;
                }
            }
            return best;
        }

        /** What {@link #balancedThreshold()} maximises, at one threshold. */
        double balancedValue(double threshold) {
            return inScopeAccuracy(threshold) - WRONG_ANSWER_COST * inScopeWrong(threshold)
                    + (outOfScopeConfidence.length == 0 ? 0 : SIMULATED_OUT_OF_SCOPE_WEIGHT * outOfScopeRecall(threshold));
        }

        /** Every top confidence, sorted: the thresholds worth trying. */
        private double[] candidates() {
            double[] candidates = new double[inScopeConfidence.length + outOfScopeConfidence.length];
            System.arraycopy(inScopeConfidence, 0, candidates, 0, inScopeConfidence.length);
            System.arraycopy(outOfScopeConfidence, 0, candidates, inScopeConfidence.length, outOfScopeConfidence.length);
            Arrays.sort(candidates);
            return candidates;
        }

        double inScopeAccuracy(double threshold) {
            int right = 0;
            for (int i = 0; i < inScopeConfidence.length; i++) {
                if (inScopeRight[i] && inScopeConfidence[i] >= threshold) {
                    right++;
                }
            }
            return inScopeConfidence.length == 0 ? Double.NaN : (double) right / inScopeConfidence.length;
        }

        double inScopeWrong(double threshold) {
            int wrong = 0;
            for (int i = 0; i < inScopeConfidence.length; i++) {
                if (!inScopeRight[i] && inScopeConfidence[i] >= threshold) {
                    wrong++;
                }
            }
            return inScopeConfidence.length == 0 ? 0 : (double) wrong / inScopeConfidence.length;
        }

        /** The share of out-of-scope samples not answered: each group's share, weighted by the group's share of the weight. */
        double outOfScopeRecall(double threshold) {
            int[] unanswered = new int[groupSize.length];
            for (int i = 0; i < outOfScopeConfidence.length; i++) {
                if (outOfScopeConfidence[i] < threshold) {
                    unanswered[outOfScopeGroup[i]]++;
                }
            }
            double recall = 0;
            double shares = 0;
            for (int g = 0; g < groupSize.length; g++) {
                if (groupSize[g] > 0) {
                    recall += groupShare[g] * unanswered[g] / groupSize[g];
                    shares += groupShare[g];
                }
            }
            return shares == 0 ? Double.NaN : recall / shares;
        }

        private static int argMax(double[] values) {
            int best = -1;
            for (int i = 0; i < values.length; i++) {
                if (best < 0 || values[i] > values[best]) {
                    best = i;
                }
            }
            return best;
        }
    }
}
