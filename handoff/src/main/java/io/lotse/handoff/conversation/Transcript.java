package io.lotse.handoff.conversation;

import io.lotse.handoff.AppendResult;
import io.lotse.handoff.ConversationStatus;
import io.lotse.handoff.Frame;
import io.lotse.handoff.HandoffMetrics;
import io.lotse.handoff.HandoffSettings;
import io.lotse.handoff.TurnResult;
import io.lotse.handoff.store.ConversationIds;
import io.lotse.handoff.store.FrameJson;
import io.lotse.handoff.store.Frames;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Outcome;
import io.lotse.handoff.store.Script;
import io.lotse.handoff.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stores the frames of the customer, the bot and the agent who has the conversation, and the bot's
 * state, each with the next {@code seq}.
 *
 * <p>A conversation left with the bot lives on for the retention after each of these; the first
 * message of an agent after the handoff is measured as the first response.
 */
public final class Transcript {

    private final Store store;
    private final Keys keys;
    private final long retentionMs;
    private final HandoffMetrics metrics;
    private final ConversationReads reads;

    public Transcript(Store store, HandoffSettings settings, HandoffMetrics metrics, ConversationReads reads) {
        this.store = store;
        this.keys = store.keys();
        this.retentionMs = settings.closedRetention().toMillis();
        this.metrics = metrics;
        this.reads = reads;
    }

    /** Stores a customer's message once: a client id stored before answers the first seq with {@code duplicate}. */
    public AppendResult appendCustomerMessage(String id, String clientId, String text) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(text, "text");
        Outcome outcome = append(id, store.frameJson().parts("customer", new Frames.Customer(clientId, text), store.now()),
                "customer", clientId, text);
        return new AppendResult(outcome.number(), outcome.duplicate());
    }

    /** Stores a message of the agent who has the conversation; returns the seq. */
    public long agentMessage(String id, String agent, String agentDisplayName, String text) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(text, "text");
        Outcome outcome = append(id, store.frameJson().parts("agent", new Frames.Agent(text, agentDisplayName), store.now()),
                "agent", agent, "");
        if (outcome.values().size() > 1 && outcome.number(1) >= 0) {
            metrics.firstResponse(reads.team(id), Duration.ofMillis(outcome.number(1)));
        }
        return outcome.number();
    }

    /**
     * Stores the bot's turn on a new customer message in one step: the message, the bot's frames and
     * its state, unless frames came since the state was read ({@code frames}), the bot no longer has
     * the conversation or the client id was stored before.
     */
    public TurnResult answerNew(String id, long frames, String clientId, String text, String botState,
            List<? extends Map<String, ?>> botFrames) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(text, "text");
        Instant now = store.now();
        FrameJson.Parts customer = store.frameJson().parts("customer", new Frames.Customer(clientId, text), now);
        return turn(id, frames, now, clientId, text, customer, 0, botState, botFrames);
    }

    /**
     * The same for a customer message stored before that the bot never answered: {@code seq}, which
     * must still be the conversation's last frame.
     */
    public TurnResult answerStored(String id, long seq, String botState, List<? extends Map<String, ?>> botFrames) {
        return turn(id, seq, store.now(), "", "", new FrameJson.Parts("", ""), seq, botState, botFrames);
    }

    private TurnResult turn(String id, long frames, Instant now, String clientId, String text, FrameJson.Parts customer,
            long answeredSeq, String botState, List<? extends Map<String, ?>> botFrames) {
        Objects.requireNonNull(botState, "botState");
        ConversationIds.check(id);
        List<String> types = new ArrayList<>(botFrames.size());
        List<FrameJson.Parts> parts = new ArrayList<>(botFrames.size());
        List<Object> args = new ArrayList<>(List.of(id, keys.events(), now.toEpochMilli(), retentionMs, frames, clientId, text,
                customer.head(), customer.tail(), answeredSeq, botState));
        for (Map<String, ?> frame : botFrames) {
            if (!(frame.get("type") instanceof String type) || type.isBlank()) {
                throw new IllegalArgumentException("A frame needs a type");
            }
            FrameJson.Parts part = store.frameJson().parts(type, frame, now);
            types.add(type);
            parts.add(part);
            args.add(part.head());
            args.add(part.tail());
        }
        Outcome outcome = Script.TURN.run(store.sync(),
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.index(ConversationStatus.BOT), keys.notes(id)),
                args.toArray());
        return switch (outcome.code()) {
            case "ok" -> {
                long customerSeq = outcome.number(0);
                long seq = outcome.number(1) - parts.size();
                List<Frame> stored = new ArrayList<>(parts.size() + 1);
                if (!clientId.isEmpty()) {
                    stored.add(new Frame(customerSeq, "customer", FrameJson.joined(customer, customerSeq)));
                }
                for (int i = 0; i < parts.size(); i++) {
                    seq++;
                    stored.add(new Frame(seq, types.get(i), FrameJson.joined(parts.get(i), seq)));
                }
                yield new TurnResult(TurnResult.Outcome.STORED, List.copyOf(stored), customerSeq);
            }
            case "duplicate" -> new TurnResult(TurnResult.Outcome.DUPLICATE, List.of(), outcome.number());
            case "stale" -> new TurnResult(TurnResult.Outcome.STALE, List.of(), 0);
            case "not_bot" -> new TurnResult(TurnResult.Outcome.NOT_WITH_BOT, List.of(), 0);
            case "answered" -> new TurnResult(TurnResult.Outcome.ANSWERED, List.of(), 0);
            default -> {
                outcome.orThrow(id);
                throw new IllegalStateException("The turn script answered " + outcome.code());
            }
        };
    }

    private Outcome append(String id, FrameJson.Parts frame, String kind, String who, String customerText) {
        ConversationIds.check(id);
        Instant now = store.now();
        return Script.APPEND.run(store.sync(),
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.index(ConversationStatus.BOT), keys.notes(id)),
                id, keys.events(), frame.head(), frame.tail(), now.toEpochMilli(), retentionMs, kind, who, customerText)
                .orThrow(id);
    }
}
