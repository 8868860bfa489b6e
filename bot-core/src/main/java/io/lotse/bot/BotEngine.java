package io.lotse.bot;

import io.lotse.bot.calibration.CalibratedConfidence;
import io.lotse.bot.calibration.Calibration;
import io.lotse.bot.decision.ConfidenceModel;
import io.lotse.bot.decision.Decider;
import io.lotse.bot.decision.Decision;
import io.lotse.bot.guides.Guide;
import io.lotse.bot.intents.IntentRecognizer;
import io.lotse.bot.intents.QuestionFingerprint;
import io.lotse.bot.intents.Recognition;
import io.lotse.bot.language.LanguageDetector;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.Language;
import io.lotse.knowledge.Retriever;
import io.lotse.knowledge.SearchHit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation engine: answers one customer message, given what it remembered of the conversation.
 *
 * <p>In order: a clicked quick reply ({@code human}, {@code yes}/{@code no}, {@code article:<id>});
 * yes or no to the current troubleshooting step; small talk (a greeting that carries a question is a
 * question, and an article the knowledge base is confident about wins over the built-in reply); the
 * wish for a person; frustration; the same question as the customer's last one; and otherwise a
 * search of the knowledge base in the conversation's language, answered, clarified or admitted as
 * not understood by {@link Decider}. The retriever gets the message as typed, less any greeting,
 * thanks or goodbye around the question. After {@link BotSettings#maxUnanswered()} unanswered
 * messages in a row, when every step of a guide failed, when the customer asks for a person, and at
 * once on frustration (a repeated question included), the turn carries an {@link EscalationReason}.
 *
 * <p>A known question comes first: a question (or small talk, outside a guide) that is an article's
 * title or one of its example questions, up to case, punctuation and umlaut spelling, gets that
 * article with confidence 1 and the reason {@value #KNOWN_QUESTION}, in the article's language;
 * when two or three articles share it, the customer chooses. The wish for a person, frustration and
 * yes or no inside a guide stay what they are even if an editor wrote them as an example question.
 *
 * <p>The language is the conversation's (which starts as the page's) unless the message is clearly
 * in the other supported language and the knowledge base has articles in it; the reply,
 * {@link BotTurn#locale()} and the new state follow it. When the message gives thin evidence of its
 * language ("Rechnungskopie herunterladen") and the knowledge base has articles in both, a question
 * the first language's articles do not answer is searched in the other too, and the other's outcome
 * is taken when it is better (answer over clarify over escalate; equal outcomes keep the language).
 *
 * <p>Holds no conversation state of its own and is thread-safe if the retriever and the article
 * lookup are: one instance serves every conversation.
 */
public final class BotEngine {

    private static final Logger log = LoggerFactory.getLogger(BotEngine.class);

    /** The editor API's rule for article ids; anything else in a payload is not looked up. */
    private static final Pattern ARTICLE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    /**
     * The protocol's longest message. Longer text (which the web layer refuses) is read only up to
     * here, so that no message costs the engine more than a few milliseconds.
     */
    static final int MAX_TEXT_LENGTH = 2000;

    /** The reason of a decision to answer an article's own title or example question. */
    static final String KNOWN_QUESTION = "known question: an example question of the article";

    private final Retriever retriever;
    private final Function<String, Optional<Article>> articles;
    private final BotSettings settings;
    private final Decider decider;
    /** Deciders of their own for some languages (calibrated on that language's articles); the others use {@link #decider}. */
    private final Map<String, Decider> deciders;

    /**
     * The thresholds and confidence model of one language, from calibrating on its articles.
     *
     * @param settings thresholds meant for {@code confidence}; the engine's own settings count for
     *     everything else (unanswered messages before a handoff, candidates searched)
     * @param confidence turns the retriever's hits into confidences
     */
    public record ForLanguage(BotSettings settings, ConfidenceModel confidence) {

        public ForLanguage {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(confidence, "confidence");
        }
    }

    private BotEngine(Builder builder) {
        this.retriever = required(builder.retriever, "retriever", "ranks articles for a message");
        this.articles = required(builder.articles, "articles", "finds an article by id");
        this.settings = required(builder.settings, "settings", "the thresholds, meant for the confidence model");
        this.decider = new Decider(settings, required(builder.confidence, "confidence",
                "turns the retriever's hits into confidences, such as CalibratedConfidence.defaults()"));
        Map<String, Decider> deciders = new HashMap<>();
        builder.languages.forEach((locale, calibrated) -> deciders.put(locale, new Decider(calibrated.settings(), calibrated.confidence())));
        this.deciders = Map.copyOf(deciders);
    }

    private static <T> T required(T part, String name, String what) {
        if (part == null) {
            throw new IllegalStateException("BotEngine needs " + name + " (" + what + "): call builder()." + name + "(…)");
        }
        return part;
    }

    /** A builder for an engine; {@link Builder#build()} says which required part is missing. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link BotEngine}. Retriever, article lookup, settings and confidence model are required;
     * the per-language calibrations are not.
     *
     * <p>The confidence model has no default on purpose: the thresholds in the settings mean something
     * only on the scale of one model, so the caller names the model its thresholds were chosen for
     * ({@link CalibratedConfidence#defaults()} with {@link Calibration#defaults()}'s thresholds before a
     * knowledge base is calibrated, the calibration's own model after).
     */
    public static final class Builder {

        private Retriever retriever;
        private Function<String, Optional<Article>> articles;
        private BotSettings settings;
        private ConfidenceModel confidence;
        private Map<String, ForLanguage> languages = Map.of();

        private Builder() {}

        /** Ranks articles for a message. Required. */
        public Builder retriever(Retriever retriever) {
            this.retriever = retriever;
            return this;
        }

        /** Finds an article by id (for a clicked {@code article:<id>} and the active guide). Required. */
        public Builder articles(Function<String, Optional<Article>> articles) {
            this.articles = articles;
            return this;
        }

        /**
         * Thresholds for languages without a calibration of their own, meant for {@link #confidence},
         * and the limits (unanswered messages before a handoff, candidates searched) for all. Required.
         */
        public Builder settings(BotSettings settings) {
            this.settings = settings;
            return this;
        }

        /** The confidence model for languages without a calibration of their own. Required. */
        public Builder confidence(ConfidenceModel confidence) {
            this.confidence = confidence;
            return this;
        }

        /**
         * Thresholds and confidence model per language ({@code de}, {@code en}): each message is then
         * decided with the calibration of the language it is answered in, once that language is known
         * (a message may move the conversation to another language). None by default.
         */
        public Builder languages(Map<String, ForLanguage> languages) {
            Objects.requireNonNull(languages, "languages must not be null; leave it out for none");
            languages.forEach((locale, calibrated) -> {
                Objects.requireNonNull(locale, "languages must not contain a null language");
                Objects.requireNonNull(calibrated, () -> "languages has no calibration for '" + locale + "'");
            });
            this.languages = Map.copyOf(languages);
            return this;
        }

        /**
         * @throws IllegalStateException when the retriever, the article lookup, the settings or the
         *     confidence model is missing
         */
        public BotEngine build() {
            return new BotEngine(this);
        }
    }

    /**
     * The bot's reply to one message.
     *
     * @param state what the bot remembered; {@code null} starts a new conversation in the page's language
     * @param input the customer's message
     * @return the reply, the state to store, and whether to hand over
     */
    public BotTurn respond(BotState state, CustomerInput input) {
        Objects.requireNonNull(input, "input");
        BotState current = state != null ? state : BotState.initial(input.pageLocale());
        String fallback = conversationLocale(current, input);
        String payload = payload(input.payload());
        BotTurn turn = null;
        if (payload != null) {
            // The label of a quick reply is in the conversation's language already: no detection.
            turn = onPayload(current.inLocale(fallback), fallback, payload);
        }
        if (turn == null) {
            String text = bounded(input.text());
            String locale = language(text, fallback);
            turn = onText(current.inLocale(locale), locale, text, alternative(text, locale));
        }
        log.debug("bot turn: band={} escalation={} reason={}",
                turn.decision().band(), turn.escalation(), turn.decision().reason());
        return turn;
    }

    private BotTurn onPayload(BotState state, String locale, String payload) {
        return switch (payload) {
            case Replies.HUMAN -> handoff(state, locale, EscalationReason.CUSTOMER_REQUEST,
                    Decision.intent("customer clicked the button for a person"));
            case Replies.YES -> state.guideActive() ? guideAnswer(state, locale, true) : afterAnswer(state, locale, true);
            case Replies.NO -> state.guideActive() ? guideAnswer(state, locale, false) : afterAnswer(state, locale, false);
            default -> pickedArticle(state, locale, payload.substring(Replies.ARTICLE_PREFIX.length()));
        };
    }

    /** An {@code article:<id>} payload; {@code null} (handle the text instead) for an unknown article. */
    private BotTurn pickedArticle(BotState state, String locale, String id) {
        if (!ARTICLE_ID.matcher(id).matches()) {
            return null;
        }
        Optional<Article> article = lookup(id);
        if (article.isEmpty()) {
            return null;
        }
        String how = state.offeredArticleIds().contains(id) ? " from the offered choices" : "";
        Decision decision = new Decision(Decision.ANSWER, "customer picked article " + id + how, List.of());
        return answer(state, locale, article.get(), 1.0, decision);
    }

    /**
     * @param alternative the other language to search when the message's language is unclear and
     *     the knowledge base has articles in both; {@code null} otherwise
     */
    private BotTurn onText(BotState state, String locale, String text, String alternative) {
        Recognition recognition = IntentRecognizer.recognise(text, state.guideActive());
        return switch (recognition.intent()) {
            case YES -> guideAnswer(state, locale, true);
            case NO -> guideAnswer(state, locale, false);
            case GREETING -> smallTalk(state, locale, text, Replies.in(locale).smallTalk(Phrase.GREETING), "greeting");
            case THANKS -> smallTalk(state, locale, text, Replies.in(locale).smallTalk(Phrase.THANKS), "thanks");
            case GOODBYE -> smallTalk(state, locale, text, Replies.in(locale).smallTalk(Phrase.GOODBYE), "goodbye");
            case ACKNOWLEDGE -> smallTalk(state, locale, text, Replies.in(locale).smallTalk(Phrase.ACKNOWLEDGE),
                    "acknowledgement");
            case BOT_IDENTITY -> smallTalk(state, locale, text, Replies.in(locale).identity(),
                    "question whether the bot is a person");
            case HUMAN -> handoff(state, locale, EscalationReason.CUSTOMER_REQUEST,
                    Decision.intent("customer asked for a person"));
            case FRUSTRATION -> frustration(state, locale);
            case QUESTION -> question(state, locale, text, recognition, alternative);
        };
    }

    /** A question, unless it is the customer's last one asked again: whatever the bot replied did not help. */
    private BotTurn question(BotState state, String locale, String text, Recognition recognition, String alternative) {
        String fingerprint = QuestionFingerprint.of(recognition.question());
        if (fingerprint != null && fingerprint.equals(state.lastQuestion())) {
            return handoff(state, locale, EscalationReason.FRUSTRATION,
                    Decision.intent("customer asked the same question again"));
        }
        return search(state.asked(fingerprint), locale, recognition.query(text), alternative);
    }

    private BotTurn search(BotState state, String locale, String query, String alternative) {
        BotTurn known = knownQuestion(state, locale, query);
        if (known != null) {
            return known;
        }
        Decider.Outcome outcome = decide(query, locale);
        if (alternative != null && !Decision.ANSWER.equals(outcome.band())) {
            // Thin evidence for the language: the other one's articles may know the message.
            Decider.Outcome other = decide(query, alternative);
            if (rank(other) > rank(outcome)) {
                outcome = new Decider.Outcome(new Decision(other.band(), other.decision().reason() + "; from the "
                        + alternative + " articles, as the message's language is unclear and the " + locale
                        + " articles gave " + outcome.band(), other.decision().candidates()),
                        other.articles(), other.confidences());
                locale = alternative;
                state = state.inLocale(alternative);
            }
        }
        return switch (outcome.band()) {
            case Decision.ANSWER -> answer(state, locale, outcome.top(), outcome.confidences().getFirst(),
                    outcome.decision());
            case Decision.CLARIFY -> turn(state.offering(outcome.articles().stream().map(Article::id).toList()),
                    locale, Replies.in(locale).clarify(outcome.articles()), outcome.decision());
            default -> unanswered(state, locale, Phrase.NO_ANSWER, outcome.decision());
        };
    }

    /** Answer before clarify before escalate: how two languages' outcomes for one message compare. */
    private static int rank(Decider.Outcome outcome) {
        return switch (outcome.band()) {
            case Decision.ANSWER -> 2;
            case Decision.CLARIFY -> 1;
            default -> 0;
        };
    }

    /**
     * The other language the bot speaks, when the message gives thin evidence of its own (see
     * {@link LanguageDetector#clearLanguage}) and the knowledge base has articles in both;
     * {@code null} otherwise, so that a clear message costs one search.
     */
    private String alternative(String text, String locale) {
        if (LanguageDetector.clearLanguage(text) != null) {
            return null;
        }
        String other = Language.fromTag(locale).orElse(Language.EN).other().tag();
        return retriever.hasArticlesIn(locale) && retriever.hasArticlesIn(other) ? other : null;
    }

    /**
     * The answer to a known question: a message that is an article's title or one of its example
     * questions (up to case, punctuation and spelling of umlauts) gets that article with confidence 1,
     * in the article's language. When several articles share the text, those in the conversation's
     * language count, else those in the other; two or three are offered as a choice. {@code null}
     * (search as usual) for no known question, more than {@value Decider#MAX_CLARIFY} articles, or an
     * article an editor tagged {@value Decider#CLARIFY_TAG} or {@value Decider#ESCALATE_TAG}, which
     * the decider handles as it always does.
     */
    private BotTurn knownQuestion(BotState state, String locale, String text) {
        List<Article> found = knownArticles(text).stream()
                .filter(article -> Language.fromTag(article.locale()).isPresent())
                .toList();
        if (found.isEmpty()) {
            return null;
        }
        String language = found.stream().anyMatch(article -> locale.equals(article.locale()))
                ? locale
                : found.getFirst().locale();
        List<Article> chosen = found.stream().filter(article -> language.equals(article.locale())).toList();
        List<Candidate> candidates = chosen.stream()
                .map(article -> new Candidate(article.id(), article.title(), 1.0, 1.0, 1.0))
                .toList();
        BotState inLanguage = state.inLocale(language);
        if (chosen.size() == 1) {
            Article article = chosen.getFirst();
            if (article.tags().contains(Decider.CLARIFY_TAG) || article.tags().contains(Decider.ESCALATE_TAG)) {
                return null;
            }
            return answer(inLanguage, language, article, 1.0, new Decision(Decision.ANSWER, KNOWN_QUESTION, candidates));
        }
        if (chosen.size() > Decider.MAX_CLARIFY) {
            return null;
        }
        return turn(inLanguage.offering(chosen.stream().map(Article::id).toList()), language,
                Replies.in(language).clarify(chosen), new Decision(Decision.CLARIFY,
                        "known question: an example question of " + chosen.size() + " articles", candidates));
    }

    /** The retriever's known-question lookup; nothing when it fails (the search then runs as usual). */
    private List<Article> knownArticles(String text) {
        try {
            List<Article> found = retriever.knownQuestion(text);
            return found == null ? List.of() : found.stream().filter(Objects::nonNull).toList();
        } catch (RuntimeException e) {
            log.warn("Known-question lookup failed; searching instead", e);
            return List.of();
        }
    }

    /** Searches and decides; a failed search is an escalation with the failure as its reason. */
    private Decider.Outcome decide(String query, String locale) {
        try {
            List<SearchHit> hits = retriever.search(query, locale, settings.candidates());
            return deciders.getOrDefault(locale, decider).decide(hits == null ? List.of() : hits);
        } catch (RuntimeException e) {
            log.warn("Knowledge-base search failed; treating the message as not understood", e);
            return Decider.failed("search failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** An FAQ is answered with its body; a troubleshooting article with a list starts its guide. */
    private BotTurn answer(BotState state, String locale, Article article, double confidence, Decision decision) {
        Replies replies = Replies.in(locale);
        Optional<Guide> guide = article.isTroubleshooting() ? Guide.parse(article.body()) : Optional.empty();
        if (guide.isPresent()) {
            return new BotTurn(state.walking(article.id(), 1), List.of(
                            replies.guideIntro(article, guide.get(), confidence),
                            replies.step(article, guide.get(), 1, confidence)),
                    null, decision, locale);
        }
        return turn(state.answered(), locale, replies.answer(article, confidence), decision);
    }

    /** Yes or no to the step last shown: solved, the next step, or a person once all are tried. */
    private BotTurn guideAnswer(BotState state, String locale, boolean works) {
        String id = state.guideArticleId();
        Optional<Article> article = lookup(id).filter(Article::isTroubleshooting);
        Optional<Guide> guide = article.flatMap(a -> Guide.parse(a.body()));
        if (guide.isEmpty()) {
            // The article was deleted or rewritten meanwhile: treat it as the answer it was.
            return afterAnswer(state.answered().inLocale(locale), locale, works);
        }
        int shown = Math.min(state.guideStep(), guide.get().size());
        int total = guide.get().size();
        if (works) {
            return turn(state.answered(), locale, Replies.in(locale).smallTalk(Phrase.GUIDE_SOLVED),
                    Decision.guide("guide " + id + ": step " + shown + " of " + total + " solved it"));
        }
        if (shown >= total) {
            return handoff(state, locale, EscalationReason.GUIDE_EXHAUSTED,
                    Decision.guide("guide " + id + ": all " + total + " steps tried, the problem remains"));
        }
        int next = shown + 1;
        return turn(state.walking(id, next), locale,
                Replies.in(locale).step(article.get(), guide.get(), next, null),
                Decision.guide("guide " + id + ": step " + shown + " did not help, showing step " + next
                        + " of " + total));
    }

    /** Yes or no without a guide: glad it helped, or sorry, and a person on offer. */
    private BotTurn afterAnswer(BotState state, String locale, boolean helped) {
        if (helped) {
            return turn(state.answered(), locale, Replies.in(locale).smallTalk(Phrase.GLAD),
                    Decision.intent("customer confirmed the answer helped"));
        }
        return unanswered(state, locale, Phrase.NOT_HELPED, Decision.intent("customer said the answer did not help"));
    }

    /** Frustration hands over at once: a customer who is angry with the bot or the company wants a person. */
    private static BotTurn frustration(BotState state, String locale) {
        return handoff(state, locale, EscalationReason.FRUSTRATION, Decision.intent(state.unansweredInARow() > 0
                ? "customer frustrated after " + state.unansweredInARow() + " unanswered"
                : "customer frustrated"));
    }

    /** Counts a message the bot could not answer, handing over once there were too many in a row. */
    private BotTurn unanswered(BotState state, String locale, Phrase phrase, Decision decision) {
        BotState next = state.unanswered();
        if (next.unansweredInARow() >= settings.maxUnanswered()) {
            Decision handingOver = new Decision(decision.band(), decision.reason() + "; "
                    + next.unansweredInARow() + " unanswered in a row", decision.candidates());
            return handoff(state, locale, EscalationReason.LOW_CONFIDENCE, handingOver);
        }
        return turn(next, locale, Replies.in(locale).offerPerson(phrase), decision);
    }

    /**
     * Small talk, unless the knowledge base answers the message with confidence: an editor's own
     * "hello" or "Are you a bot?" article wins over the built-in reply. Inside a guide, small talk
     * keeps the guide and nothing is searched.
     */
    private BotTurn smallTalk(BotState state, String locale, String text, BotMessage reply, String what) {
        if (!state.guideActive() && !text.isBlank()) {
            BotTurn known = knownQuestion(state, locale, text.strip());
            if (known != null) {
                Decision decision = new Decision(known.decision().band(), known.decision().reason()
                        + "; the article wins over the built-in " + what, known.decision().candidates());
                return new BotTurn(known.state(), known.messages(), known.escalation(), decision, known.locale());
            }
            Decider.Outcome outcome = decide(text.strip(), locale);
            if (Decision.ANSWER.equals(outcome.band())) {
                Decision decision = new Decision(Decision.ANSWER, outcome.decision().reason()
                        + "; the article wins over the built-in " + what, outcome.decision().candidates());
                return answer(state, locale, outcome.top(), outcome.confidences().getFirst(), decision);
            }
        }
        return turn(state.chatted(), locale, reply, Decision.intent(what));
    }

    private static BotTurn handoff(BotState state, String locale, EscalationReason reason, Decision decision) {
        return new BotTurn(state.handedOff(), List.of(Replies.in(locale).handoff(reason)), reason, decision, locale);
    }

    private static BotTurn turn(BotState state, String locale, BotMessage message, Decision decision) {
        return new BotTurn(state, List.of(message), null, decision, locale);
    }

    private Optional<Article> lookup(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            Optional<Article> article = articles.apply(id);
            return article == null ? Optional.empty() : article;
        } catch (RuntimeException e) {
            log.warn("Article lookup failed for {}", id, e);
            return Optional.empty();
        }
    }

    /** {@code human}, {@code yes}, {@code no} or {@code article:<id>}; {@code null} for anything else. */
    private static String payload(String payload) {
        if (payload == null || payload.length() > 200) {
            return null;
        }
        String trimmed = payload.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.equals(Replies.HUMAN) || lower.equals(Replies.YES) || lower.equals(Replies.NO)) {
            return lower;
        }
        return trimmed.startsWith(Replies.ARTICLE_PREFIX) ? trimmed : null;
    }

    /** The text cut to {@link #MAX_TEXT_LENGTH}, never between the two halves of a surrogate pair. */
    private static String bounded(String text) {
        if (text == null) {
            return "";
        }
        if (text.length() <= MAX_TEXT_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_TEXT_LENGTH - 1)) ? MAX_TEXT_LENGTH - 1 : MAX_TEXT_LENGTH;
        return text.substring(0, end);
    }

    /**
     * The first language the knowledge base has articles in, of: the message's, the conversation's,
     * the other one the bot speaks. A message that looks English on a German-only site, or any
     * message on an English page of a German-only site, is answered from the German articles, in
     * German. Without articles in either, the message's.
     */
    private String language(String text, String conversation) {
        String detected = LanguageDetector.detect(text, conversation);
        for (String candidate : List.of(detected, conversation, Language.DE.tag(), Language.EN.tag())) {
            if (retriever.hasArticlesIn(candidate)) {
                return candidate;
            }
        }
        return detected;
    }

    /** The conversation's language, else the page's, else English. */
    private static String conversationLocale(BotState state, CustomerInput input) {
        return Language.of(state.locale()).or(() -> Language.of(input.pageLocale())).orElse(Language.EN).tag();
    }
}
