package io.lotse.handoff;

import java.util.List;

/**
 * What storing a bot's turn did (see {@link Handoff#answer}).
 *
 * @param outcome whether the turn was stored, and why not
 * @param frames the frames stored, the customer's message (when it was new) first; empty unless stored
 * @param customerSeq the seq of the customer's message: the one stored now or, for {@link Outcome#DUPLICATE},
 *     before; 0 otherwise
 */
public record TurnResult(Outcome outcome, List<Frame> frames, long customerSeq) {

    public enum Outcome {
        /** The turn is stored. */
        STORED,
        /** The client id was stored before: nothing was stored now. */
        DUPLICATE,
        /** Frames came after the bot's state was read: the bot answered from an old state; nothing was stored. */
        STALE,
        /** The bot no longer has the conversation (it waits for or is with an agent): nothing was stored. */
        NOT_WITH_BOT,
        /** The stored message was answered meanwhile: nothing was stored. */
        ANSWERED
    }

    public boolean stored() {
        return outcome == Outcome.STORED;
    }
}
