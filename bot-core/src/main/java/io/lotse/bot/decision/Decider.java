package io.lotse.bot.decision;

import io.lotse.bot.BotSettings;
import io.lotse.bot.Candidate;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.SearchHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses between answering, asking which article was meant, and admitting it does not know.
 *
 * <p>The hits become candidates with a confidence, most confident first (ties keep the retriever's
 * order). Articles are "close" to the top one when their confidence reaches the clarify threshold and
 * lies within the clarify margin of the top's. Then: the top reaches the answer threshold and nothing
 * is close → {@code answer}; the top reaches the clarify threshold and one or two are close →
 * {@code clarify} between them; otherwise, when the top one and the next most confident ones (up to
 * {@value #MAX_CLARIFY}, each from {@value #OFFER_FLOOR}) together reach the clarify threshold (the
 * chance that the right article is among them) → {@code clarify} with them; else → {@code escalate}. An editor may override the answer band
 * for one article with a tag: {@value #CLARIFY_TAG} (ask first) or {@value #ESCALATE_TAG} (a person
 * answers). Thread-safe.
 */
public final class Decider {

    /** A clarifying question names at most this many articles. */
    public static final int MAX_CLARIFY = 3;
    /** Below the answer threshold, another article is offered beside the top one only from this confidence on. */
    public static final double OFFER_FLOOR = 0.02;
    /**
     * An editor's override for one article, as a tag: never answered by a guess; the bot asks
     * "Did you mean …?" first (the customer's pick is then answered).
     */
    public static final String CLARIFY_TAG = "band:clarify";
    /** An editor's override for one article, as a tag: its questions always go to a person. */
    public static final String ESCALATE_TAG = "band:escalate";

    private final BotSettings settings;
    private final ConfidenceModel confidence;

    public Decider(BotSettings settings, ConfidenceModel confidence) {
        this.settings = settings;
        this.confidence = confidence;
    }

    /**
     * The decision and the articles it picked: one for {@code answer}, two or three for
     * {@code clarify}, none for {@code escalate}; {@code confidences} parallel to {@code articles}.
     */
    public record Outcome(Decision decision, List<Article> articles, List<Double> confidences) {

        public String band() {
            return decision.band();
        }

        public Article top() {
            return articles.getFirst();
        }
    }

    private record Ranked(SearchHit hit, Candidate candidate) {}

    public Outcome decide(List<SearchHit> hits) {
        List<Ranked> ranked = rank(hits);
        List<Candidate> candidates = ranked.stream().map(Ranked::candidate).toList();
        if (ranked.isEmpty()) {
            return escalate("no article found", candidates);
        }
        Ranked top = ranked.getFirst();
        double topConfidence = top.candidate().confidence();
        List<Ranked> close = new ArrayList<>();
        close.add(top);
        for (Ranked other : ranked.subList(1, ranked.size())) {
            double c = other.candidate().confidence();
            if (close.size() < MAX_CLARIFY && c >= settings.clarifyThreshold()
                    && topConfidence - c <= settings.clarifyMargin()) {
                close.add(other);
            }
        }
        if (topConfidence >= settings.answerThreshold() && close.size() == 1) {
            Article article = top.hit().article();
            if (article.tags().contains(ESCALATE_TAG)) {
                return escalate("top article " + format(topConfidence) + " is one an editor hands to a person (tag "
                        + ESCALATE_TAG + ")", candidates);
            }
            if (article.tags().contains(CLARIFY_TAG)) {
                return outcome(Decision.CLARIFY, "top article " + format(topConfidence) + " is one an editor wants confirmed"
                        + " before it is answered (tag " + CLARIFY_TAG + ")", candidates, close);
            }
            String next = ranked.size() > 1 ? ", next " + format(ranked.get(1).candidate().confidence()) : "";
            return outcome(Decision.ANSWER, "top article " + format(topConfidence) + " above answer threshold "
                    + format(settings.answerThreshold()) + next, candidates, close);
        }
        if (topConfidence >= settings.clarifyThreshold() && close.size() > 1) {
            return outcome(Decision.CLARIFY, close.size() + " articles from " + format(close.getLast().candidate()
                    .confidence()) + " to " + format(topConfidence) + " within clarify margin "
                    + format(settings.clarifyMargin()), candidates, close);
        }
        List<Ranked> offered = likeliest(ranked);
        double chance = Math.min(1, offered.stream().mapToDouble(r -> r.candidate().confidence()).sum());
        if (chance >= settings.clarifyThreshold()) {
            // Not sure enough to answer, yet the right article is likely among the first few: offer
            // them ("Did you mean …?") rather than give up.
            return outcome(Decision.CLARIFY, "top article " + format(topConfidence) + " below answer threshold "
                    + format(settings.answerThreshold()) + "; the likeliest " + offered.size() + " together "
                    + format(chance) + ", at or above clarify threshold " + format(settings.clarifyThreshold()),
                    candidates, offered);
        }
        return escalate("top article " + format(topConfidence) + " below answer threshold "
                + format(settings.answerThreshold()) + "; the likeliest " + offered.size() + " together " + format(chance)
                + ", below clarify threshold " + format(settings.clarifyThreshold()), candidates);
    }

    /** The top article and the next most confident ones, up to {@value #MAX_CLARIFY}, each from {@value #OFFER_FLOOR}. */
    private static List<Ranked> likeliest(List<Ranked> ranked) {
        List<Ranked> offered = new ArrayList<>();
        offered.add(ranked.getFirst());
        for (Ranked other : ranked.subList(1, ranked.size())) {
            if (offered.size() < MAX_CLARIFY && other.candidate().confidence() >= OFFER_FLOOR) {
                offered.add(other);
            }
        }
        return offered;
    }

    private List<Ranked> rank(List<SearchHit> hits) {
        List<SearchHit> usable = usable(hits);
        double[] confidences = confidence.confidences(usable);
        List<Ranked> ranked = new ArrayList<>(usable.size());
        for (int i = 0; i < usable.size(); i++) {
            SearchHit hit = usable.get(i);
            double c = Double.isNaN(confidences[i]) ? 0 : Math.max(0, Math.min(1, confidences[i]));
            ranked.add(new Ranked(hit, new Candidate(
                    hit.article().id(), hit.article().title(), hit.score(), hit.coverage(), c)));
        }
        ranked.sort(Comparator.comparingDouble((Ranked r) -> r.candidate().confidence()).reversed());
        return ranked;
    }

    /** Hits with an article, each article once (its first hit): a clarifying question never names one twice. */
    private static List<SearchHit> usable(List<SearchHit> hits) {
        Set<String> seen = new HashSet<>();
        return hits.stream()
                .filter(hit -> hit != null && hit.article() != null && seen.add(String.valueOf(hit.article().id())))
                .toList();
    }

    private static Outcome outcome(String band, String reason, List<Candidate> candidates, List<Ranked> picked) {
        return new Outcome(
                new Decision(band, reason, candidates),
                picked.stream().map(r -> r.hit().article()).toList(),
                picked.stream().map(r -> r.candidate().confidence()).toList());
    }

    /** When the search itself failed: nothing to choose from. */
    public static Outcome failed(String reason) {
        return escalate(reason, List.of());
    }

    private static Outcome escalate(String reason, List<Candidate> candidates) {
        return new Outcome(new Decision(Decision.ESCALATE, reason, candidates), List.of(), List.of());
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
