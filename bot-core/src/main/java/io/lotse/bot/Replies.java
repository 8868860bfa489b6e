package io.lotse.bot;

import io.lotse.bot.guides.Guide;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.Language;
import java.util.ArrayList;
import java.util.List;

/** Builds the bot's messages in one language from the catalogue and the articles. */
final class Replies {

    static final String HUMAN = "human";
    static final String YES = "yes";
    static final String NO = "no";
    static final String ARTICLE_PREFIX = "article:";

    private final Messages messages;

    private Replies(Messages messages) {
        this.messages = messages;
    }

    private static final Replies GERMAN = new Replies(Messages.of(Language.DE.tag()));
    private static final Replies ENGLISH = new Replies(Messages.of(Language.EN.tag()));

    static Replies in(String locale) {
        return Language.DE.tag().equals(locale) ? GERMAN : ENGLISH;
    }

    BotMessage smallTalk(Phrase phrase) {
        return new BotMessage(BotMessage.SMALLTALK, messages.text(phrase), null, null, null, List.of());
    }

    /** What the bot is, a program and not a person, with a person on offer: small talk. */
    BotMessage identity() {
        return new BotMessage(BotMessage.SMALLTALK, messages.text(Phrase.BOT_IDENTITY), null, null, null, List.of(human()));
    }

    /** A message that offers a person: {@code no_answer}, "that did not help". */
    BotMessage offerPerson(Phrase phrase) {
        return new BotMessage(BotMessage.NO_ANSWER, messages.text(phrase), null, null, null, List.of(human()));
    }

    BotMessage handoff(EscalationReason reason) {
        return new BotMessage(BotMessage.HANDOFF, messages.text(Phrase.handoff(reason)), null, null, null, List.of());
    }

    /** An FAQ answer: the article's body, with a person on offer. */
    BotMessage answer(Article article, double confidence) {
        return new BotMessage(
                BotMessage.ANSWER, article.body(), article.id(), title(article), confidence, List.of(human()));
    }

    /** The line that opens a guide, followed by the article's own intro, if it has one. */
    BotMessage guideIntro(Article article, Guide guide, double confidence) {
        String line = messages.text(Phrase.GUIDE_INTRO, "title", messages.quoted(title(article)));
        String text = guide.intro().isEmpty() ? line : line + "\n\n" + guide.intro();
        return new BotMessage(BotMessage.ANSWER, text, article.id(), title(article), confidence, List.of());
    }

    /** Step {@code number} (1-based) of a guide, asking whether it works now. */
    BotMessage step(Article article, Guide guide, int number, Double confidence) {
        String text = messages.text(Phrase.STEP,
                        "step", Integer.toString(number),
                        "total", Integer.toString(guide.size()),
                        "text", guide.step(number))
                + "\n\n" + messages.text(Phrase.STEP_QUESTION);
        return new BotMessage(BotMessage.STEP, text, article.id(), title(article), confidence, List.of(
                new QuickReply(messages.text(Phrase.REPLY_YES), YES),
                new QuickReply(messages.text(Phrase.REPLY_NO), NO)));
    }

    /** "Meinten Sie „A“ oder „B“?" with one button per article and one for none of them. */
    BotMessage clarify(List<Article> articles) {
        List<QuickReply> replies = new ArrayList<>(articles.size() + 1);
        StringBuilder options = new StringBuilder();
        for (int i = 0; i < articles.size(); i++) {
            Article article = articles.get(i);
            if (i > 0) {
                options.append(i == articles.size() - 1 ? " " + messages.text(Phrase.CLARIFY_OR) + " " : ", ");
            }
            options.append(messages.quoted(title(article)));
            replies.add(new QuickReply(title(article), ARTICLE_PREFIX + article.id()));
        }
        replies.add(new QuickReply(messages.text(Phrase.REPLY_NONE), HUMAN));
        String text = messages.text(Phrase.CLARIFY, "options", options.toString());
        return new BotMessage(BotMessage.CLARIFY, text, null, null, null, replies);
    }

    /** An article without a title (which the knowledge base does not allow) shows its id. */
    private static String title(Article article) {
        return article.title() == null || article.title().isBlank() ? article.id() : article.title();
    }

    private QuickReply human() {
        return new QuickReply(messages.text(Phrase.REPLY_HUMAN), HUMAN);
    }
}
