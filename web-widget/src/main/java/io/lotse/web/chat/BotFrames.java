package io.lotse.web.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lotse.bot.BotMessage;
import io.lotse.bot.QuickReply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Turns the bot's messages into {@code bot} frames, with the Markdown rendered to safe HTML.
 *
 * <p>Raw HTML in an article is escaped, not passed through, and the rendered HTML then passes the
 * {@link ArticleHtml} allow-list (safe link schemes only, images from this server only), so an
 * article can never inject script into the widget or load another site's images. The help pages of
 * the articles ({@code /help/<id>}) render with the same {@link #html}.
 */
public final class BotFrames {

    static final String DECISION = "decision";
    /**
     * Characters of Markdown and HTML kept from recent renderings (about 8 MB): a few hundred
     * articles' texts. The bot answers from a small set of articles, and rendering and sanitising
     * one costs more than the rest of building its frame.
     */
    static final long RENDERED_CHARS = 4_000_000;

    /** Recent renderings by their Markdown, which is all a rendering depends on; its upkeep runs on the calling thread. */
    private final Cache<String, String> rendered = Caffeine.newBuilder()
            .maximumWeight(RENDERED_CHARS)
            .<String, String>weigher((markdown, html) -> markdown.length() + html.length())
            .executor(Runnable::run)
            .build();

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if ("a".equals(tagName)) {
                    attributes.put("target", "_blank");
                    attributes.put("rel", "noopener noreferrer nofollow");
                }
            })
            .build();

    /**
     * The frame as stored: with the engine's decision (band, reason, candidates with their scores)
     * when there is one; {@link ChatConnections#forCustomer} takes it out again before a frame goes to the customer.
     */
    Map<String, Object> frame(BotMessage message, Object decision) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "bot");
        frame.put("kind", message.kind());
        frame.put("text", message.text());
        frame.put("html", html(message.text()));
        frame.put("articleId", message.articleId());
        frame.put("articleTitle", message.articleTitle());
        frame.put("confidence", message.confidence());
        frame.put("quickReplies", quickReplies(message.quickReplies()));
        if (decision != null) {
            frame.put(DECISION, decision);
        }
        return frame;
    }

    /**
     * Markdown as safe HTML: raw HTML escaped, links limited to safe schemes and opened in a new tab,
     * images to relative ones.
     */
    public String html(String markdown) {
        return rendered.get(markdown == null ? "" : markdown, this::render);
    }

    private String render(String markdown) {
        return ArticleHtml.sanitize(renderer.render(parser.parse(markdown))).strip();
    }

    private static List<Map<String, String>> quickReplies(List<QuickReply> replies) {
        if (replies == null) {
            return List.of();
        }
        return replies.stream().map(r -> Map.of("label", r.label(), "payload", r.payload() == null ? "" : r.payload())).toList();
    }
}
