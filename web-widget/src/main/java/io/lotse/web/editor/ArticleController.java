package io.lotse.web.editor;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleNotFoundException;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.SearchHit;
import io.lotse.web.system.ApiException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The editor API: articles by id, and what the bot would find for a question. */
@RestController
@RequestMapping(path = "/api/articles", produces = "application/json")
class ArticleController {

    private static final int MAX_QUERY = 2000;
    /**
     * How long a change waits for the search's classifier to learn it. A written article is found
     * at once, but until its language's classifier is retrained (in the background, usually well
     * under a second) it ranks below articles the classifier knows, so the bot may not answer with it
     * yet; the call returns when the bot uses the change, or after this.
     */
    private static final Duration CLASSIFIER_WAIT = Duration.ofSeconds(10);

    private final KnowledgeBase knowledgeBase;

    ArticleController(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    @GetMapping
    List<ArticleJson> list(@RequestParam(required = false) String locale) {
        return knowledgeBase.list(locale).stream().map(ArticleJson::of).toList();
    }

    /** Only with {@code q}: without it, {@code /api/articles/search} is the article whose id is {@code search}. */
    @GetMapping(path = "/search", params = "q")
    List<Map<String, Object>> search(@RequestParam String q, @RequestParam(defaultValue = "en") String locale) {
        if (q.isBlank() || q.length() > MAX_QUERY) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "q must have 1 to " + MAX_QUERY + " characters");
        }
        return knowledgeBase.search(q, locale, 10).stream().map(ArticleController::hit).toList();
    }

    private static Map<String, Object> hit(SearchHit hit) {
        return Map.of("articleId", hit.article().id(), "title", hit.article().title(), "score", hit.score(),
                "coverage", hit.coverage(), "matchedText", Objects.toString(hit.matchedText(), ""));
    }

    @GetMapping("/{id}")
    ArticleJson get(@PathVariable String id) {
        return knowledgeBase.get(id).map(ArticleJson::of)
                .orElseThrow(() -> new ArticleNotFoundException(id, "No article has the id '" + id + "'."));
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<ArticleJson> create(@RequestBody ArticleJson body) {
        Article created = knowledgeBase.create(body.toArticle());
        knowledgeBase.awaitClassifiers(CLASSIFIER_WAIT);
        return ResponseEntity.created(URI.create("/api/articles/" + created.id())).body(ArticleJson.of(created));
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    ResponseEntity<ArticleJson> put(@PathVariable String id, @RequestBody ArticleJson body) {
        if (body.id() != null && !body.id().equals(id)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "id_mismatch", "The id in the body differs from the id in the URL.");
        }
        Article article = body.toArticle().withId(id);
        boolean created = knowledgeBase.put(id, article);
        knowledgeBase.awaitClassifiers(CLASSIFIER_WAIT);
        ArticleJson stored = knowledgeBase.get(id).map(ArticleJson::of).orElse(ArticleJson.of(article));
        return created
                ? ResponseEntity.created(URI.create("/api/articles/" + id)).body(stored)
                : ResponseEntity.ok(stored);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        knowledgeBase.delete(id);
        knowledgeBase.awaitClassifiers(CLASSIFIER_WAIT);
        return ResponseEntity.noContent().build();
    }
}
