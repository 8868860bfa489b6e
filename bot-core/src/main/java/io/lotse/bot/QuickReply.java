package io.lotse.bot;

import java.util.Objects;

/**
 * A button under a bot message: the widget shows {@code label} and, when clicked, sends it as the
 * text with {@code payload}.
 */
public record QuickReply(String label, String payload) {

    public QuickReply {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(payload, "payload");
    }
}
