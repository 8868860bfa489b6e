package io.lotse.handoff;

/**
 * What the bot reads before it answers a customer's message, in one round trip; its turn is then
 * stored only if nothing came meanwhile (see {@link Handoff#answer}).
 *
 * @param status where the conversation stands
 * @param locale the conversation's language
 * @param botState the bot's state as last stored, or {@code null}
 * @param frames how many frames the conversation had when this was read (the seq of the last one)
 * @param storedSeq the seq of the customer's message with the client id asked about when it was
 *     stored before, else 0
 * @param answeredSeq the seq of the last customer message the bot answered, 0 for none
 */
public record TurnContext(ConversationStatus status, String locale, String botState, long frames, long storedSeq,
        long answeredSeq) {

    /**
     * Whether the stored message with the client id asked about still waits for the bot's answer: it
     * is the conversation's last frame, the bot has the conversation and never answered it (its
     * node stopped first).
     */
    public boolean storedUnanswered() {
        return status == ConversationStatus.BOT && storedSeq > 0 && storedSeq == frames && storedSeq > answeredSeq;
    }
}
