package io.lotse.handoff.queue;

import io.lotse.handoff.store.ConversationIds;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of the queue ended: the queue score and id of its last conversation, so that the next
 * page starts right after it however the queue changed meanwhile (conversations taken, new ones
 * behind), and is found by score without counting the entries before it.
 *
 * <p>Clients see it as opaque text (base64url of {@code score:id}); anything else is refused.
 */
record QueueCursor(long score, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((score + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws IllegalArgumentException if the text is not a cursor this class made
     */
    static QueueCursor decode(String cursor) {
        if (cursor == null || cursor.length() > 200) {
            throw new IllegalArgumentException("not a queue cursor");
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a queue cursor", e);
        }
        int colon = text.indexOf(':');
        String id = colon < 0 ? "" : text.substring(colon + 1);
        if (colon <= 0 || !ConversationIds.valid(id)) {
            throw new IllegalArgumentException("not a queue cursor");
        }
        try {
            return new QueueCursor(Long.parseLong(text.substring(0, colon)), id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a queue cursor", e);
        }
    }
}
