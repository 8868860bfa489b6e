package io.lotse.handoff.conversation;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.Range.Boundary;
import io.lettuce.core.ScoredValue;
import io.lotse.handoff.ConversationStatus;
import io.lotse.handoff.HandoffMetrics;
import io.lotse.handoff.HandoffSettings;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Outcome;
import io.lotse.handoff.store.Script;
import io.lotse.handoff.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Counts the conversations the bot saw through on its own (deflection): the bot answered the
 * customer, the conversation never went to the agents, and nothing has happened in it for
 * {@link HandoffSettings#abandonAfter()}, the time after which a queued customer counts as gone.
 *
 * <p>Conversations left with the bot never close, so "ended" is that quiet time. The bot index
 * holds each by its last activity; the nodes share a mark up to which it has been looked at, and
 * each call moves it on and looks at the conversations that fell quiet in between. A conversation
 * is marked when counted, so one that is looked at twice (by two nodes whose clocks differ, or
 * after the customer came back and fell quiet again) counts once. A customer who comes back and asks
 * for a person after that has been counted here and as a handoff too.
 */
public final class Deflections {

    /** The most conversations looked at per call; the rest the next second. */
    static final int BATCH = 500;

    private final Store store;
    private final Keys keys;
    private final Duration quietFor;
    private final HandoffMetrics metrics;

    public Deflections(Store store, HandoffSettings settings, HandoffMetrics metrics) {
        this.store = store;
        this.keys = store.keys();
        this.quietFor = settings.abandonAfter();
        this.metrics = metrics;
    }

    /** Counts the conversations with the bot that have fallen quiet since the last call of any node. */
    public void count(Instant now) {
        long bound = now.minus(quietFor).toEpochMilli();
        // The first call ever starts at the bound: conversations that fell quiet before are not counted.
        String previous = store.sync().getset(keys.deflectionsUntil(), String.valueOf(bound));
        long from = previous == null ? bound : Long.parseLong(previous);
        if (from >= bound) {
            return;
        }
        List<ScoredValue<String>> quiet = store.sync().zrangebyscoreWithScores(keys.index(ConversationStatus.BOT),
                Range.from(Boundary.excluding(from), Boundary.including(bound)), Limit.create(0, BATCH));
        if (quiet.size() == BATCH) {
            // Many fell quiet at once: the rest from the last one looked at, in the next call.
            store.sync().set(keys.deflectionsUntil(), String.valueOf((long) quiet.getLast().getScore()));
        }
        long nowMs = now.toEpochMilli();
        for (ScoredValue<String> conversation : quiet) {
            String id = conversation.getValue();
            Outcome outcome = Script.DEFLECT.run(store.sync(), List.of(keys.meta(id)), nowMs);
            if ("ok".equals(outcome.code())) {
                metrics.deflected(outcome.text(0));
            }
        }
    }
}
