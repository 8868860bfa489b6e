package io.lotse.handoff.store;

import io.lotse.handoff.AgentUnavailableException;
import io.lotse.handoff.AlreadyClaimedException;
import io.lotse.handoff.ConversationClosedException;
import io.lotse.handoff.ConversationNotFoundException;
import io.lotse.handoff.ConversationStatus;
import io.lotse.handoff.InvalidRatingException;
import io.lotse.handoff.MessageLeftException;
import io.lotse.handoff.NotQueuedException;
import io.lotse.handoff.NotWaitingException;
import io.lotse.handoff.NotYourConversationException;
import java.util.List;

/**
 * What a script answered: {@code ok} (or {@code duplicate}) with optional values, or the reason
 * it changed nothing, turned into the matching exception by {@link #orThrow}.
 *
 * <p>One of the module's internals, public only for the handoff's feature packages.
 */
public record Outcome(Script script, String code, List<Object> values) {

    static Outcome of(Script script, List<Object> reply) {
        if (reply == null || reply.isEmpty()) {
            throw new IllegalStateException("The " + script + " script answered nothing");
        }
        return new Outcome(script, String.valueOf(reply.get(0)), reply.subList(1, reply.size()));
    }

    /** This outcome if the script changed something (or found a duplicate), else the exception for why not. */
    public Outcome orThrow(String conversationId) {
        return switch (code) {
            case "ok", "duplicate" -> this;
            case "not_found" -> throw new ConversationNotFoundException(conversationId);
            case "closed" -> throw new ConversationClosedException(conversationId);
            case "not_queued" -> throw new NotQueuedException(conversationId, ConversationStatus.ofCode(text(0)));
            case "already_claimed" -> throw new AlreadyClaimedException(conversationId);
            case "not_yours" -> throw new NotYourConversationException(conversationId);
            case "not_waiting" -> throw new NotWaitingException(conversationId);
            case "message_left" -> throw new MessageLeftException(conversationId);
            case "agent_unavailable" -> throw new AgentUnavailableException(conversationId);
            case "not_closed" -> throw new InvalidRatingException(conversationId, "the conversation has not ended yet");
            case "already_rated" -> throw new InvalidRatingException(conversationId, "it has been rated already");
            default -> throw new IllegalStateException("The " + script + " script answered " + code);
        };
    }

    /** Whether the script found the conversation changed since the caller read it, and changed nothing. */
    public boolean changed() {
        return code.equals("changed");
    }

    public boolean duplicate() {
        return code.equals("duplicate");
    }

    /** The first number the script returned, such as the seq of the stored frame. */
    public long number() {
        return number(0);
    }

    public long number(int index) {
        if (index < values.size() && values.get(index) instanceof Long number) {
            return number;
        }
        throw new IllegalStateException("The " + script + " script answered no number at " + index + " but " + values);
    }

    public String text(int index) {
        return index < values.size() ? String.valueOf(values.get(index)) : null;
    }
}
