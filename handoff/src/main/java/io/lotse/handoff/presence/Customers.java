package io.lotse.handoff.presence;

import io.lettuce.core.RedisFuture;
import io.lotse.handoff.HandoffEvent;
import io.lotse.handoff.store.ConversationIds;
import io.lotse.handoff.store.Events;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Script;
import io.lotse.handoff.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether customers have a connection open, on any node: each node tells when it last saw the
 * connections it has.
 *
 * <p>The time a customer was last seen is kept negative once their last connection closed: they
 * were there then, and are gone now (unless another node sees them again).
 */
public final class Customers {

    /** A customer connection is refreshed about every second; one not seen for this long is gone. */
    static final Duration CUSTOMER_GONE = Duration.ofSeconds(3);

    private final Store store;
    private final Keys keys;
    private final Events events;

    public Customers(Store store, Events events) {
        this.store = store;
        this.keys = store.keys();
        this.events = events;
    }

    /** Customers of these conversations have a connection open on this node now. */
    public void seen(Collection<String> ids) {
        note(ids, store.now().toEpochMilli());
    }

    /** A customer connection came (or came back): tell the agents. */
    public void connected(String id) {
        seen(List.of(id));
        events.publish(store.sync(), new HandoffEvent.CustomerPresence(id, true));
    }

    /** The last customer connection of a conversation on this node closed. */
    public void left(String id) {
        note(List.of(id), -store.now().toEpochMilli());
        events.publish(store.sync(), new HandoffEvent.CustomerPresence(id, false));
    }

    /** Notes the time for the conversations that still exist, so that an erased one is not listed again. */
    private void note(Collection<String> ids, long time) {
        List<String> valid = ids.stream().filter(ConversationIds::valid).distinct().toList();
        if (valid.isEmpty()) {
            return;
        }
        List<String> keyList = new ArrayList<>(valid.size() + 1);
        keyList.add(keys.customersSeen());
        valid.forEach(id -> keyList.add(keys.meta(id)));
        List<Object> args = new ArrayList<>(valid.size() + 1);
        args.add(time);
        args.addAll(valid);
        Script.SEEN.run(store.sync(), keyList, args.toArray());
    }

    /** Whether the customers of these conversations have a connection open now. */
    public Map<String, Boolean> online(Collection<String> ids) {
        long bound = store.now().minus(CUSTOMER_GONE).toEpochMilli();
        Map<String, RedisFuture<Double>> scores = new LinkedHashMap<>();
        ids.forEach(id -> scores.put(id, store.async().zscore(keys.customersSeen(), id)));
        Map<String, Boolean> online = new LinkedHashMap<>();
        scores.forEach((id, score) -> {
            Double seen = store.await(score);
            online.put(id, seen != null && seen >= bound);
        });
        return online;
    }
}
