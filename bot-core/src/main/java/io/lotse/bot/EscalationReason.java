package io.lotse.bot;

import java.util.Locale;

/** Why the bot hands a conversation to a person; {@link #code()} is the protocol's {@code reason}. */
public enum EscalationReason {
    /** The customer asked for a person, in words or with the {@code human} quick reply. */
    CUSTOMER_REQUEST,
    /** The bot could not answer several messages in a row. */
    LOW_CONFIDENCE,
    /** Every step of a troubleshooting guide was tried and the problem remains. */
    GUIDE_EXHAUSTED,
    /** The customer was frustrated (insults, exasperation, an emphatic curse) or asked the same question again. */
    FRUSTRATION;

    /** {@code customer_request}, {@code low_confidence}, {@code guide_exhausted} or {@code frustration}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
