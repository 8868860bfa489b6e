package io.lotse.handoff.queue;

import io.lettuce.core.RedisFuture;
import io.lotse.handoff.HandoffSettings;
import io.lotse.handoff.conversation.Lifecycle;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Store;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes as abandoned the queued conversations whose customer has been gone longer than
 * {@link HandoffSettings#abandonAfter()}.
 *
 * <p>A customer never seen counts from the time they were queued; the first thousand of the queue
 * are looked at per call.
 */
public final class Abandonment {

    private static final Logger log = LoggerFactory.getLogger(Abandonment.class);

    private final Store store;
    private final Keys keys;
    private final HandoffSettings settings;
    private final Lifecycle lifecycle;
    private final Serving serving;

    public Abandonment(Store store, HandoffSettings settings, Lifecycle lifecycle, Serving serving) {
        this.store = store;
        this.keys = store.keys();
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.serving = serving;
    }

    public void abandonGoneCustomers(Instant now) {
        long bound = now.minus(settings.abandonAfter()).toEpochMilli();
        List<String> queued = store.below(keys.queue(), Long.MAX_VALUE, 1000);
        Map<String, RedisFuture<Double>> seen = new LinkedHashMap<>();
        Map<String, RedisFuture<String>> since = new LinkedHashMap<>();
        for (String id : queued) {
            seen.put(id, store.async().zscore(keys.customersSeen(), id));
            since.put(id, store.async().hget(keys.meta(id), "queuedAtMs"));
        }
        for (String id : queued) {
            Double lastSeen = store.await(seen.get(id));
            String queuedAt = store.await(since.get(id));
            // A negative time is when the customer left; a positive one when they were last seen there.
            double last = lastSeen != null ? Math.abs(lastSeen) : queuedAt == null ? 0 : Double.parseDouble(queuedAt);
            if (last < bound) {
                abandon(id);
            }
        }
    }

    private void abandon(String id) {
        try {
            if (lifecycle.close(id, "", "abandoned")) {
                serving.serve();
            }
            log.info("Conversation {} closed as abandoned: its customer has been gone for {}", id, settings.abandonAfter());
        } catch (RuntimeException e) {
            log.debug("Conversation {} was not abandoned: {}", id, e.getMessage());
        }
    }
}
