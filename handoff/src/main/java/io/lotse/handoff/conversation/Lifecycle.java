package io.lotse.handoff.conversation;

import io.lotse.handoff.AppendResult;
import io.lotse.handoff.Conversation;
import io.lotse.handoff.ConversationNotFoundException;
import io.lotse.handoff.ConversationStatus;
import io.lotse.handoff.Customer;
import io.lotse.handoff.HandoffMetrics;
import io.lotse.handoff.HandoffSettings;
import io.lotse.handoff.InvalidRatingException;
import io.lotse.handoff.store.ConversationIds;
import io.lotse.handoff.store.FrameJson;
import io.lotse.handoff.store.Frames;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Outcome;
import io.lotse.handoff.store.Script;
import io.lotse.handoff.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A conversation from its start to its rating: who the customer is, the message they leave for the
 * agents, leaving the queue, the close and the rating.
 *
 * <p>Conversations left with the bot expire after the retention without a frame, closed ones that
 * long after the close; queued, pending and assigned ones are kept.
 */
public final class Lifecycle {

    private final Store store;
    private final Keys keys;
    private final long retentionMs;
    private final HandoffMetrics metrics;
    private final ConversationReads reads;

    public Lifecycle(Store store, HandoffSettings settings, HandoffMetrics metrics, ConversationReads reads) {
        this.store = store;
        this.keys = store.keys();
        this.retentionMs = settings.closedRetention().toMillis();
        this.metrics = metrics;
        this.reads = reads;
    }

    /** Starts a conversation with the bot, under a new random id. */
    public Conversation start(String locale) {
        Objects.requireNonNull(locale, "locale");
        String id = ConversationIds.create();
        Instant now = store.now();
        Script.START.run(store.sync(), List.of(keys.meta(id), keys.index(ConversationStatus.BOT)),
                id, locale, now, now.toEpochMilli(), retentionMs, now.toEpochMilli() - retentionMs).orThrow(id);
        return new Conversation(id, locale, ConversationStatus.BOT, null, null, now, null, null, null, null, null, null,
                null, null, null, null, 0, null);
    }

    /**
     * Records who the customer is, as the site vouched for it, and lists the conversation under the
     * customer's {@code sub} (and no longer under the one it had before).
     */
    public void identify(String id, Customer customer) {
        ConversationIds.check(id);
        for (int attempt = 0; attempt < 3; attempt++) {
            String before = Objects.requireNonNullElse(store.sync().hget(keys.meta(id), "customerId"), "");
            Outcome outcome = Script.IDENTIFY.run(store.sync(),
                    List.of(keys.meta(id), keys.customer(customer.id()), keys.customer(before.isEmpty() ? customer.id() : before)),
                    id, store.now().toEpochMilli(), customer.id(), Objects.requireNonNullElse(customer.name(), ""),
                    Objects.requireNonNullElse(customer.email(), ""), Objects.requireNonNullElse(customer.tier(), ""), before);
            if (!outcome.changed()) {
                outcome.orThrow(id);
                return;
            }
        }
        throw new IllegalStateException("The customer of conversation " + id + " kept changing");
    }

    /** Stores the message a customer leaves for the agents, once per client id; a queued conversation then waits as pending. */
    public AppendResult contact(String id, String clientId, String email, String text) {
        ConversationIds.check(id);
        FrameJson.Parts frame = store.frameJson().parts("contact", new Frames.Contact(clientId, email, text), store.now());
        Outcome outcome = Script.CONTACT.run(store.sync(),
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.queue(), keys.teamQueue(reads.team(id)),
                        keys.index(ConversationStatus.PENDING)),
                id, keys.events(), clientId, email, frame.head(), frame.tail(), store.now().toEpochMilli()).orThrow(id);
        return new AppendResult(outcome.number(), outcome.duplicate());
    }

    /** The customer leaves the queue or the pending list, and the bot answers again. */
    public void cancel(String id) {
        ConversationIds.check(id);
        String team = reads.team(id);
        Instant now = store.now();
        Script.CANCEL.run(store.sync(),
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.notes(id), keys.queue(), keys.teamQueue(team),
                        keys.index(ConversationStatus.PENDING), keys.index(ConversationStatus.BOT)),
                id, keys.events(), now.toEpochMilli(), now, retentionMs).orThrow(id);
        metrics.left(team, "cancelled");
    }

    /**
     * Ends a conversation: by the agent who has it, by any agent while it waits, or as abandoned
     * (agent {@code ""}, {@code reason} {@code abandoned}) while it is queued.
     *
     * @return whether an agent had it, whose seat is free now
     */
    public boolean close(String id, String agent, String reason) {
        ConversationIds.check(id);
        Instant now = store.now();
        Map<String, String> meta = reads.meta(id);
        String team = ConversationReads.blankToNull(meta.get("team"));
        String holder = Objects.requireNonNullElse(meta.get("agent"), agent.isEmpty() ? "-" : agent);
        Outcome outcome = Script.CLOSE.run(store.sync(),
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.notes(id), keys.queue(), keys.teamQueue(team),
                        keys.index(ConversationStatus.PENDING), keys.index(ConversationStatus.ASSIGNED),
                        keys.index(ConversationStatus.CLOSED), keys.agentOpen(holder), keys.handled()),
                id, keys.events(), now.toEpochMilli(), now, agent, retentionMs, now.toEpochMilli() - retentionMs, reason,
                Keys.TIMES_KEPT).orThrow(id);
        if (outcome.number() >= 0) {
            metrics.handled(team, Duration.ofMillis(outcome.number()));
        }
        if ("abandoned".equals(reason)) {
            metrics.left(team, "abandoned");
        }
        return "assigned".equals(outcome.text(1));
    }

    /** Stores the customer's rating of a closed conversation, once; returns the seq of the {@code rating} frame. */
    public long rate(String id, int score) {
        if (score < 1 || score > 5) {
            throw new InvalidRatingException(id, "a rating is a whole number from 1 to 5");
        }
        ConversationIds.check(id);
        FrameJson.Parts rating = store.frameJson().parts("rating", new Frames.Rating(score), store.now());
        long seq = Script.RATE.run(store.sync(), List.of(keys.meta(id), keys.frames(id)),
                id, keys.events(), score, rating.head(), rating.tail()).orThrow(id).number();
        metrics.rated(reads.team(id), score);
        return seq;
    }
}
