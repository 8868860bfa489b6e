package io.lotse.web.demo;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.web.chat.BotFrames;
import io.lotse.web.system.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The public page of one article, {@code /help/<id>}: what an agent links to from the console
 * ("Link an article"). Its title and body, the body rendered from Markdown to sanitised HTML by the
 * same renderer as the bot's answers, in the demo shop's look and with the chat on it. An unknown id
 * answers the JSON 404 {@code article_not_found}; no sign-in is needed.
 */
@Controller
class HelpPages {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final KnowledgeBase knowledgeBase;
    private final BotFrames markdown = new BotFrames();
    private final String template = DemoShopPages.template();
    private final String card = DemoShopPages.template("help-card.html");

    HelpPages(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    @GetMapping("/help/{id}")
    ResponseEntity<?> article(@PathVariable String id) {
        Article article = knowledgeBase.get(id).orElse(null);
        if (article == null) {
            // The error JSON whatever the browser accepts: the content type is set here, not negotiated.
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                    .body(new ApiError("article_not_found", "There is no article with that id.", null));
        }
        String lang = "de".equals(article.locale()) ? "de" : "en";
        Map<String, String> values = DemoShopPages.values(lang, article.title(), "/", "/?lang=en");
        values.put("articleLang", article.locale());
        values.put("body", markdown.html(article.body()));
        return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.noCache())
                .body(DemoShopPages.page(template, card, values));
    }
}
