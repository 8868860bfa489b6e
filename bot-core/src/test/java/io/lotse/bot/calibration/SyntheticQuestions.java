package io.lotse.bot.calibration;

import io.lotse.bot.Fixtures;
import io.lotse.bot.calibration.Calibration.Sample;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.SearchHit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Labelled questions of a made-up knowledge base of twenty articles, with the signals a hybrid
 * retriever gives: the classifier usually favours the right article (with a close cosine and more
 * shared words), sometimes another one; an out-of-scope question gets only weak signals.
 */
final class SyntheticQuestions {

    static final List<Article> ARTICLES = articles();
    private static final int HITS = 5;

    private final Random random;

    SyntheticQuestions(long seed) {
        this.random = new Random(seed);
    }

    List<Sample> draw(int inScope, int outOfScope) {
        List<Sample> samples = new ArrayList<>(inScope + outOfScope);
        for (int i = 0; i < inScope; i++) {
            samples.add(inScope());
        }
        for (int i = 0; i < outOfScope; i++) {
            samples.add(outOfScope());
        }
        return samples;
    }

    Sample inScope() {
        int expected = random.nextInt(ARTICLES.size());
        boolean favoured = random.nextDouble() < 0.9;
        int top = favoured ? expected : other(expected);
        double topProbability = favoured ? 0.35 + 0.65 * Math.sqrt(random.nextDouble()) : 0.2 + 0.5 * random.nextDouble();
        List<SearchHit> hits = new ArrayList<>(HITS);
        hits.add(Fixtures.hit(ARTICLES.get(top), topProbability, 0.72 + 0.2 * random.nextDouble(), 0.5 + 0.5 * random.nextDouble(),
                2 + 8 * random.nextDouble()));
        double rest = 1 - topProbability;
        if (!favoured) {
            double p = rest * (0.3 + 0.6 * random.nextDouble());
            rest -= p;
            hits.add(Fixtures.hit(ARTICLES.get(expected), p, 0.65 + 0.2 * random.nextDouble(), 0.3 + 0.5 * random.nextDouble(),
                    1 + 6 * random.nextDouble()));
        }
        fillWithStrangers(hits, rest, top, expected);
        return Sample.inScope(hits, ARTICLES.get(expected).id());
    }

    Sample outOfScope() {
        int top = random.nextInt(ARTICLES.size());
        double topProbability = 0.05 + 0.55 * random.nextDouble() * random.nextDouble();
        List<SearchHit> hits = new ArrayList<>(HITS);
        hits.add(Fixtures.hit(ARTICLES.get(top), topProbability, 0.55 + 0.25 * random.nextDouble(), 0.5 * random.nextDouble(),
                4 * random.nextDouble()));
        fillWithStrangers(hits, 1 - topProbability, top, top);
        return Sample.outOfScope(hits);
    }

    private void fillWithStrangers(List<SearchHit> hits, double rest, int first, int second) {
        List<Integer> taken = new ArrayList<>(List.of(first, second));
        while (hits.size() < HITS) {
            int stranger = other(first);
            if (taken.contains(stranger)) {
                continue;
            }
            taken.add(stranger);
            double p = rest * 0.4 * random.nextDouble();
            rest -= p;
            hits.add(Fixtures.hit(ARTICLES.get(stranger), p, 0.5 + 0.2 * random.nextDouble(), 0.3 * random.nextDouble(),
                    2 * random.nextDouble()));
        }
    }

    private int other(int index) {
        int other = random.nextInt(ARTICLES.size() - 1);
        return other >= index ? other + 1 : other;
    }

    private static List<Article> articles() {
        List<Article> articles = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            articles.add(Fixtures.faq("article-" + i, "en", "Article " + i, "Answer " + i + "."));
        }
        return List.copyOf(articles);
    }
}
