package io.lotse.web.chat;

import io.lotse.knowledge.Language;
import io.lotse.web.LotseProperties;
import io.lotse.web.system.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The editor's "Try a question": what the bot would reply to a new customer asking it, and why
 * (band, reason, the articles weighed with their confidence). Nothing is stored: no conversation,
 * no queue entry.
 */
@RestController
class BotPreviewController {

    private final ChatService chat;
    private final CalibratedBot bot;
    private final int maxMessageLength;

    BotPreviewController(ChatService chat, CalibratedBot bot, LotseProperties properties) {
        this.chat = chat;
        this.bot = bot;
        this.maxMessageLength = properties.chat().maxMessageLength();
    }

    /**
     * @param q the customer's question, 1 to {@code chatbot.chat.max-message-length} characters
     * @param locale the language of the page the customer asks on ({@code de} or {@code en}); without
     *     it, as on a page without a language. The bot answers in the question's language where it has
     *     articles in it, as in a chat.
     */
    @GetMapping(path = "/api/bot/preview", produces = "application/json")
    Map<String, Object> preview(@RequestParam String q, @RequestParam(required = false) String locale) {
        String text = q.strip();
        if (text.isEmpty() || text.length() > maxMessageLength) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request",
                    "q must have 1 to " + maxMessageLength + " characters.");
        }
        String page = locale == null || locale.isBlank() ? null : locale.strip();
        if (page != null && Language.fromTag(page).isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "locale must be de or en.");
        }
        Map<String, Object> preview = new LinkedHashMap<>();
        // Before the first calibration the engine decides with the defaults; the editor should know.
        preview.put("calibrated", bot.calibrated());
        preview.putAll(chat.preview(text, page));
        return preview;
    }
}
