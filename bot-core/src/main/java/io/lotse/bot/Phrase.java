package io.lotse.bot;

import java.util.Locale;

/**
 * The keys of the bot's message catalogue ({@code messages_de.properties}, {@code messages_en.properties}).
 *
 * <p>Placeholders are named, in braces: {@code {title}}, {@code {step}}, {@code {total}}, {@code {text}},
 * {@code {options}}.
 */
enum Phrase {
    GREETING,
    THANKS,
    GOODBYE,
    ACKNOWLEDGE,
    BOT_IDENTITY,
    GLAD,
    GUIDE_SOLVED,
    NOT_HELPED,
    NO_ANSWER,
    CLARIFY,
    CLARIFY_OR,
    QUOTE_OPEN,
    QUOTE_CLOSE,
    GUIDE_INTRO,
    STEP,
    STEP_QUESTION,
    HANDOFF_CUSTOMER_REQUEST,
    HANDOFF_LOW_CONFIDENCE,
    HANDOFF_GUIDE_EXHAUSTED,
    HANDOFF_FRUSTRATION,
    REPLY_HUMAN,
    REPLY_YES,
    REPLY_NO,
    REPLY_NONE;

    /** The key in the properties files: {@code HANDOFF_LOW_CONFIDENCE} is {@code handoff_low_confidence}. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Phrase handoff(EscalationReason reason) {
        return switch (reason) {
            case CUSTOMER_REQUEST -> HANDOFF_CUSTOMER_REQUEST;
            case LOW_CONFIDENCE -> HANDOFF_LOW_CONFIDENCE;
            case GUIDE_EXHAUSTED -> HANDOFF_GUIDE_EXHAUSTED;
            case FRUSTRATION -> HANDOFF_FRUSTRATION;
        };
    }
}
