package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.handoff.Customer;
import io.lotse.handoff.Handoff;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The agents' queue comes a page at a time: in queue order, with the total, a cursor to the next
 * page that holds while the queue changes, and a clear error for a bad limit or cursor.
 */
class QueuePagingIT extends AppIT {

    @Autowired
    Handoff handoff;

    /** The conversations a test queued, closed again afterwards (straight through the handoff: many are quicker so). */
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void emptyQueue() {
        resetHandoff();
    }

    @AfterEach
    void closeCreated() {
        for (String id : created) {
            try {
                handoff.close(id, "anna");
            } catch (RuntimeException e) {
                // Claimed and closed by the test already.
            }
        }
        resetHandoff();
    }

    @Test
    void pagesFollowTheQueueOrderAndACursorHoldsWhileTheQueueChanges() {
        List<String> queued = waiting(7);
        Api api = api();
        assertThat(ids(api.get("/api/agent/queue?limit=500", "anna"))).as("the whole queue: tier A first, then by arrival")
                .containsExactlyElementsOf(queued);

        Api.Response first = api.get("/api/agent/queue?limit=3", "anna");
        assertThat(first.status()).isEqualTo(200);
        assertThat(ids(first)).containsExactlyElementsOf(queued.subList(0, 3));
        assertThat(first.raw().headers().firstValue("X-Total-Count")).contains("7");
        String cursor = first.raw().headers().firstValue("X-Next-Cursor").orElseThrow();
        assertThat(first.raw().headers().firstValue("Link")).contains("</api/agent/queue?cursor=" + cursor + "&limit=3>; rel=\"next\"");

        // Meanwhile the first waiting conversation is taken: an offset would now skip one, the cursor does not.
        assertThat(api.post("/api/agent/conversations/" + queued.getFirst() + "/claim", "ben", null).status()).isEqualTo(200);
        Api.Response second = api.get("/api/agent/queue?limit=3&cursor=" + cursor, "anna");
        assertThat(ids(second)).containsExactlyElementsOf(queued.subList(3, 6));
        assertThat(second.raw().headers().firstValue("X-Total-Count")).contains("6");

        Api.Response last = api.get("/api/agent/queue?limit=3&cursor=" + second.raw().headers().firstValue("X-Next-Cursor").orElseThrow(), "anna");
        assertThat(ids(last)).containsExactly(queued.getLast());
        assertThat(last.raw().headers().firstValue("X-Next-Cursor")).as("the last page").isEmpty();
        assertThat(last.raw().headers().firstValue("Link")).isEmpty();
    }

    @Test
    void aPageHoldsFiftyUnlessAskedOtherwise() {
        List<String> queued = waiting(53);
        Api api = api();
        Api.Response first = api.get("/api/agent/queue", "anna");
        assertThat(ids(first)).containsExactlyElementsOf(queued.subList(0, 50));
        assertThat(first.raw().headers().firstValue("X-Total-Count")).contains("53");
        Api.Response rest = api.get("/api/agent/queue?cursor=" + first.raw().headers().firstValue("X-Next-Cursor").orElseThrow(), "anna");
        assertThat(ids(rest)).containsExactlyElementsOf(queued.subList(50, 53));
        assertThat(ids(api.get("/api/agent/queue?offset=50&limit=2", "anna"))).as("offsets still work")
                .containsExactlyElementsOf(queued.subList(50, 52));
    }

    @Test
    void beyondTheEndIsAnEmptyPage() {
        List<String> queued = waiting(4);
        Api api = api();
        Api.Response first = api.get("/api/agent/queue?limit=3", "anna");
        String cursor = first.raw().headers().firstValue("X-Next-Cursor").orElseThrow();
        api.post("/api/agent/conversations/" + queued.getLast() + "/close", "anna", null);

        Api.Response after = api.get("/api/agent/queue?cursor=" + cursor, "anna");
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().isArray()).isTrue();
        assertThat(after.json()).isEmpty();
        assertThat(after.raw().headers().firstValue("X-Total-Count")).contains("3");
        assertThat(after.raw().headers().firstValue("X-Next-Cursor")).isEmpty();

        Api.Response far = api.get("/api/agent/queue?offset=100", "anna");
        assertThat(far.status()).isEqualTo(200);
        assertThat(far.json()).isEmpty();
        assertThat(far.raw().headers().firstValue("X-Total-Count")).contains("3");
    }

    @Test
    void aBadLimitOffsetOrCursorIsRefusedWithAReason() {
        waiting(2);
        Api api = api();
        for (String query : List.of("limit=0", "limit=501", "limit=-3", "limit=many", "offset=-1", "offset=x")) {
            Api.Response response = api.get("/api/agent/queue?" + query, "anna");
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().path("code").asString()).as(query).isEqualTo("invalid_request");
            assertThat(response.json().path("message").asString()).as(query).isNotBlank();
        }
        String cursor = api.get("/api/agent/queue?limit=1", "anna").raw().headers().firstValue("X-Next-Cursor").orElseThrow();
        Api.Response both = api.get("/api/agent/queue?offset=0&cursor=" + cursor, "anna");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().path("code").asString()).isEqualTo("invalid_request");
        for (String bad : List.of("nonsense", "bm90IGEgY3Vyc29y", "MTIzOg", "eDphYmM", "!!")) {
            Api.Response response = api.get("/api/agent/queue?cursor=" + bad, "anna");
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.json().path("code").asString()).as(bad).isEqualTo("invalid_cursor");
            assertThat(response.json().path("message").asString()).as(bad).isNotBlank();
        }
    }

    /** That many conversations waiting for any agent, the first a tier A customer's; in queue order. */
    private List<String> waiting(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = handoff.start("en").id();
            if (i == count - 1) {
                handoff.identify(id, new Customer("key-account", "Kim", "kim@example.com", "A"));
            }
            handoff.enqueue(id, "customer_request", null);
            ids.add(id);
            created.add(id);
        }
        // The tier A customer, queued last, waits first.
        ids.addFirst(ids.removeLast());
        return ids;
    }

    private static List<String> ids(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : response.json()) {
            ids.add(entry.path("conversationId").asString());
        }
        return ids;
    }
}
