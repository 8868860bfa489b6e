package io.lotse.bot;

import io.lotse.bot.decision.ConfidenceModel;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleType;
import io.lotse.knowledge.Retriever;
import io.lotse.knowledge.SearchHit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Hand-made articles and a retriever that answers scripted queries with scripted hits. */
public final class Fixtures {

    public static final Article VERSAND = faq("versand-dauer", "de", "Wie lange dauert der Versand?",
            "Standardversand dauert **2–3 Werktage**.");
    public static final Article VERSANDKOSTEN = faq("versandkosten", "de", "Was kostet der Versand?",
            "Ab 50 € versenden wir kostenlos.");
    public static final Article RUECKSENDUNG = faq("ruecksendung", "de", "Wie sende ich etwas zurück?",
            "Nutzen Sie das Retourenetikett im Paket.");
    public static final Article SHIPPING = faq("shipping-time", "en", "How long does shipping take?",
            "Standard shipping takes **2–3 working days**.");
    public static final Article SHIPPING_COST = faq("shipping-cost", "en", "What does shipping cost?",
            "Shipping is free from €50.");
    public static final Article ROUTER = troubleshooting("router-no-internet", "en", "My router has no internet connection",
            """
            Most connection problems are fixed in a few minutes.

            1. Check that the cable from the wall socket to the router's DSL port is firmly in place.
            2. Restart the router: unplug it for 30 seconds,
               then plug it in again.
            3. Reset the router to factory settings.
            """);
    public static final Article WLAN = troubleshooting("wlan-weg", "de", "Mein WLAN funktioniert nicht",
            """
            1) Prüfen Sie, ob das WLAN am Router eingeschaltet ist.
            2) Starten Sie den Router neu.
            """);
    public static final Article STEPLESS = troubleshooting("drucker-offline", "de", "Drucker ist offline",
            "Schalten Sie den Drucker aus und wieder ein. Hilft das nicht, prüfen Sie das Netzwerkkabel.");

    static final List<Article> ALL = List.of(VERSAND, VERSANDKOSTEN, RUECKSENDUNG, SHIPPING, SHIPPING_COST, ROUTER,
            WLAN, STEPLESS);

    /**
     * A stand-in confidence for hits given by hand, on the scale {@link BotSettings#defaults()}'s
     * thresholds suit: the square root of the share of the question matched times the score's strength,
     * {@code score / (score + 2)}. Full matches at close scores come out close (and are offered to
     * choose from); a high score that matches little of the question stays low. (A calibrated model
     * weighs the top hit by its rank too, and would answer the first of two close full matches.)
     */
    public static final ConfidenceModel BY_COVERAGE = hits -> hits.stream()
            .mapToDouble(hit -> Math.sqrt(unit(hit.coverage())) * strength(hit.score()))
            .toArray();

    private Fixtures() {}

    private static double unit(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }

    private static double strength(double score) {
        return Double.isNaN(score) || score <= 0 ? 0 : Double.isInfinite(score) ? 1 : score / (score + 2);
    }

    public static Article faq(String id, String locale, String title, String body) {
        return new Article(id, locale, title, List.of(), List.of(), "general", ArticleType.FAQ, body);
    }

    public static Article troubleshooting(String id, String locale, String title, String body) {
        return new Article(id, locale, title, List.of(), List.of(), "technical", ArticleType.TROUBLESHOOTING, body);
    }

    public static SearchHit hit(Article article, double score, double coverage) {
        return new SearchHit(article, score, coverage, article.title());
    }

    /** A hit of a hybrid retriever: the classifier's probability, the best cosine, coverage and raw BM25. */
    public static SearchHit hit(Article article, double probability, double cosine, double coverage, double bm25) {
        return new SearchHit(article, probability + 0.2 * cosine + 0.1 * coverage, coverage, article.title(), bm25, cosine,
                probability);
    }

    /** The article lookup the engine gets: by id over {@link #ALL}. */
    static Function<String, Optional<Article>> lookup() {
        Map<String, Article> byId = new HashMap<>();
        ALL.forEach(article -> byId.put(article.id(), article));
        return id -> Optional.ofNullable(byId.get(id));
    }

    /** A retriever answering exact queries with given hits, nothing otherwise, and remembering every call. */
    static final class ScriptedRetriever implements Retriever {

        record Call(String query, String locale, int limit) {}

        private final Map<String, List<SearchHit>> script = new HashMap<>();
        final List<Call> calls = new ArrayList<>();
        /** The languages with articles; {@code null}: every language. */
        private Set<String> languages;

        ScriptedRetriever on(String query, SearchHit... hits) {
            script.put(query, List.of(hits));
            return this;
        }

        /** From now on, only these languages have articles (none at all when empty). */
        ScriptedRetriever onlyIn(String... locales) {
            languages = Set.of(locales);
            return this;
        }

        @Override
        public List<SearchHit> search(String query, String locale, int limit) {
            calls.add(new Call(query, locale, limit));
            return languages == null || languages.contains(locale) ? script.getOrDefault(query, List.of()) : List.of();
        }

        @Override
        public boolean hasArticlesIn(String locale) {
            return languages == null || languages.contains(locale);
        }
    }
}
