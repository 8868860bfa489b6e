package io.lotse.web.agent;

import io.lotse.handoff.CannedReply;
import io.lotse.handoff.Handoff;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.Language;
import io.lotse.web.LotseProperties;
import io.lotse.web.system.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
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

/** What agents insert instead of typing: the team's canned replies, and links to articles. */
@RestController
@RequestMapping(path = "/api/agent")
class RepliesController {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final int MAX_TITLE = 120;

    private final Handoff handoff;
    private final KnowledgeBase knowledgeBase;
    private final int maxText;

    RepliesController(Handoff handoff, KnowledgeBase knowledgeBase, LotseProperties properties) {
        this.handoff = handoff;
        this.knowledgeBase = knowledgeBase;
        this.maxText = properties.chat().maxMessageLength();
    }

    @GetMapping(path = "/replies", produces = "application/json")
    List<CannedReply> replies(@RequestParam(required = false) String q, @RequestParam(required = false) String locale) {
        return handoff.replies().search(q, locale == null || locale.isBlank() ? null : checkedLocale(locale));
    }

    @GetMapping(path = "/replies/{id}", produces = "application/json")
    CannedReply reply(@PathVariable String id) {
        return handoff.replies().get(id).orElseThrow(() -> notFound(id));
    }

    /** A new reply; without an {@code id}, one is made up. */
    @PostMapping(path = "/replies", consumes = "application/json", produces = "application/json")
    ResponseEntity<CannedReply> create(@RequestBody CannedReply body) {
        String id = body == null || body.id() == null || body.id().isBlank()
                ? "r-" + UUID.randomUUID().toString().substring(0, 8) : body.id();
        CannedReply reply = checked(body, id);
        if (!handoff.replies().create(reply)) {
            throw new ApiException(HttpStatus.CONFLICT, "reply_exists", "A canned reply with id '" + reply.id() + "' exists.");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(reply);
    }

    @PutMapping(path = "/replies/{id}", consumes = "application/json", produces = "application/json")
    CannedReply replace(@PathVariable String id, @RequestBody CannedReply body) {
        if (body != null && body.id() != null && !body.id().equals(id)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "id_mismatch", "The id in the body differs from the one in the URL.");
        }
        CannedReply reply = checked(body, id);
        if (!handoff.replies().replace(reply)) {
            throw notFound(id);
        }
        return reply;
    }

    @DeleteMapping(path = "/replies/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!handoff.replies().delete(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** Articles an agent may link to: the knowledge base's search, its best ten. */
    @GetMapping(path = "/articles", produces = "application/json")
    List<Map<String, Object>> articles(@RequestParam String q, @RequestParam(defaultValue = "de") String locale) {
        String query = q.strip();
        if (query.isEmpty() || query.length() > maxText) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "q must have 1 to " + maxText + " characters.");
        }
        return knowledgeBase.search(query, checkedLocale(locale), 10).stream().map(hit -> {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("id", hit.article().id());
            map.put("title", hit.article().title());
            map.put("locale", hit.article().locale());
            map.put("category", hit.article().category());
            map.put("url", "/help/" + hit.article().id());
            return map;
        }).toList();
    }

    private CannedReply checked(CannedReply body, String id) {
        if (body == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "A canned reply needs id, title, text and locale.");
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request",
                    "id must be 1 to 64 lower-case letters, digits, _ or -, starting with a letter or digit.");
        }
        String title = body.title() == null ? "" : body.title().strip();
        String text = body.text() == null ? "" : body.text().strip();
        if (title.isEmpty() || text.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "A canned reply needs a title and a text.");
        }
        if (title.length() > MAX_TITLE || text.length() > maxText) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "message_too_long",
                    "A title may have at most " + MAX_TITLE + " characters, a text at most " + maxText + ".");
        }
        return new CannedReply(id, title, text, checkedLocale(body.locale()));
    }

    private static String checkedLocale(String locale) {
        if (Language.fromTag(locale).isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "locale must be de or en.");
        }
        return locale;
    }

    private static ApiException notFound(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "reply_not_found", "There is no canned reply with that id.");
    }
}
