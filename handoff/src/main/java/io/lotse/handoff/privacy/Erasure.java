package io.lotse.handoff.privacy;

import io.lettuce.core.RedisFuture;
import io.lotse.handoff.Conversation;
import io.lotse.handoff.ConversationExport;
import io.lotse.handoff.Frame;
import io.lotse.handoff.QueueEntry;
import io.lotse.handoff.conversation.ConversationReads;
import io.lotse.handoff.notes.Notes;
import io.lotse.handoff.queue.QueueReads;
import io.lotse.handoff.store.ConversationIds;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Outcome;
import io.lotse.handoff.store.Script;
import io.lotse.handoff.store.Store;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the handoff stores about a conversation, all of it: read for an export, or erased from every
 * key and list in one script.
 *
 * <p>The lists an erasure clears are those of the conversation's status, team, agent and customer
 * as read just before; the script checks that they still hold, and the erasure reads again when
 * the conversation changed meanwhile. A customer with a signed identity has a list of their
 * conversations, by the identity's {@code sub}; an entry whose conversation expired is dropped when
 * the list is read.
 */
public final class Erasure {

    private static final int ATTEMPTS = 5;
    private static final String NONE = "-";

    private final Store store;
    private final Keys keys;
    private final ConversationReads reads;
    private final QueueReads queue;
    private final Notes notes;

    public Erasure(Store store, ConversationReads reads, QueueReads queue, Notes notes) {
        this.store = store;
        this.keys = store.keys();
        this.reads = reads;
        this.queue = queue;
        this.notes = notes;
    }

    /** Everything stored about the conversation; empty when there is none. */
    public Optional<ConversationExport> export(String id) {
        if (!ConversationIds.valid(id)) {
            return Optional.empty();
        }
        RedisFuture<Map<String, String>> metaRead = store.async().hgetall(keys.meta(id));
        RedisFuture<Map<String, String>> clientIds = store.async().hgetall(keys.ids(id));
        Map<String, RedisFuture<Double>> scores = new LinkedHashMap<>();
        List<String> scored = new ArrayList<>();
        scored.add(keys.queue());
        scored.addAll(keys.statusIndexes());
        scored.add(keys.customersSeen());
        scored.forEach(key -> scores.put(key, store.async().zscore(key, id)));
        Map<String, String> meta = store.await(metaRead);
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        String team = ConversationReads.blankToNull(meta.get("team"));
        String agent = meta.get("agent");
        String customer = meta.get("customerId");
        scores.put(keys.teamQueue(team), store.async().zscore(keys.teamQueue(team), id));
        if (customer != null) {
            scores.put(keys.customer(customer), store.async().zscore(keys.customer(customer), id));
        }
        RedisFuture<Boolean> agentHasIt = agent == null ? null : store.async().sismember(keys.agentOpen(agent), id);
        Map<String, Double> listedIn = new LinkedHashMap<>();
        scores.forEach((key, future) -> {
            Double score = store.await(future);
            if (score != null) {
                // The customer's list is named by a hash of their sub; say whose it is instead.
                listedIn.put(key.equals(keys.customer(Objects.requireNonNullElse(customer, ""))) ? "customer:" + customer
                        : keys.unprefixed(key), score);
            }
        });
        if (agentHasIt != null && Boolean.TRUE.equals(store.await(agentHasIt))) {
            listedIn.put(keys.unprefixed(keys.agentOpen(agent)), null);
        }
        Conversation conversation = reads.find(id).orElse(null);
        if (conversation == null) {
            return Optional.empty();
        }
        List<Frame> frames = reads.framesAfter(id, 0);
        QueueEntry entry = meta.containsKey("queuedAt") ? queue.entry(id) : null;
        return Optional.of(new ConversationExport(conversation, Collections.unmodifiableMap(new LinkedHashMap<>(meta)),
                Collections.unmodifiableMap(new LinkedHashMap<>(store.await(clientIds))), frames, notes.notes(id), entry,
                Collections.unmodifiableMap(listedIn)));
    }

    /**
     * Erases the conversation from every key and list; its token then resumes nothing.
     *
     * @return its status before, or empty when there was no such conversation (and nothing changed)
     */
    public Optional<String> erase(String id) {
        if (!ConversationIds.valid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(run(id, null, -1));
    }

    /**
     * Erases a conversation at the end of its retention, unless it is no longer in the status it was
     * found in or got a frame since it was found to have {@code frames} frames. One whose keys Redis
     * expired already is removed from the lists that still name it.
     *
     * @return its status before ({@code ""} when its keys were gone), or empty when it stays
     */
    public Optional<String> expire(String id, String expectedStatus, long frames) {
        return Optional.ofNullable(run(id, expectedStatus, frames));
    }

    /** Runs the erasure; {@code expectedStatus} {@code null} for an administrator's erasure of whatever there is. */
    private String run(String id, String expectedStatus, long frames) {
        String mode = expectedStatus == null ? "erase" : "expire";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, String> meta = Store.fields(store.sync().hmget(keys.meta(id), "status", "agent", "team", "customerId"));
            String status = meta.getOrDefault("status", "");
            if (expectedStatus != null && !status.isEmpty() && !status.equals(expectedStatus)) {
                return null;
            }
            String agent = meta.getOrDefault("agent", "");
            String team = meta.getOrDefault("team", "");
            String customer = meta.getOrDefault("customerId", "");
            List<String> keyList = new ArrayList<>(keys.conversationKeys(id));
            keyList.add(keys.queue());
            keyList.add(keys.teamQueue(team));
            keyList.addAll(keys.statusIndexes());
            keyList.add(keys.agentOpen(agent.isEmpty() ? NONE : agent));
            keyList.add(keys.customersSeen());
            keyList.add(keys.customer(customer));
            Outcome outcome = Script.ERASE.run(store.sync(), keyList, id, keys.events(), mode, status, agent, team, customer,
                    frames);
            switch (outcome.code()) {
                case "ok" -> {
                    return Objects.requireNonNullElse(outcome.text(0), "");
                }
                case "not_found" -> {
                    return null;
                }
                case "changed" -> {
                    if (frames >= 0) {
                        return null;
                    }
                    // An administrator's erasure reads the conversation again and tries once more.
                }
                default -> outcome.orThrow(id);
            }
        }
        throw new IllegalStateException("Conversation " + id + " kept changing while it was erased");
    }

    /** The conversations of the customer with this {@code sub}, oldest first; entries of expired ones are dropped. */
    public List<String> ofCustomer(String sub) {
        String index = keys.customer(sub);
        List<String> ids = store.sync().zrange(index, 0, -1);
        List<RedisFuture<String>> owners = ids.stream().map(id -> store.async().hget(keys.meta(id), "customerId")).toList();
        List<String> kept = new ArrayList<>(ids.size());
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            (sub.equals(store.await(owners.get(i))) ? kept : gone).add(ids.get(i));
        }
        if (!gone.isEmpty()) {
            store.sync().zrem(index, gone.toArray(String[]::new));
        }
        return kept;
    }
}
