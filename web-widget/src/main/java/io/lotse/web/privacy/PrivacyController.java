package io.lotse.web.privacy;

import io.lotse.handoff.Conversation;
import io.lotse.handoff.ConversationExport;
import io.lotse.handoff.ConversationNotFoundException;
import io.lotse.handoff.Customer;
import io.lotse.handoff.Handoff;
import io.lotse.handoff.QueueEntry;
import io.lotse.web.system.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An administrator's answer to a person's request about their data: everything stored about a
 * conversation, or about every conversation of a customer with a signed identity (by its
 * {@code sub}), as JSON; and its erasure everywhere.
 */
@RestController
@RequestMapping(path = "/api/admin")
class PrivacyController {

    private static final Logger log = LoggerFactory.getLogger(PrivacyController.class);

    private final Handoff handoff;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    PrivacyController(Handoff handoff, JsonMapper json) {
        this.handoff = handoff;
        this.json = json;
    }

    /** Everything stored about one conversation. */
    record ConversationData(String conversationId, String status, String locale, Timestamps timestamps, Customer customer,
            Assignment assignment, Queue queue, Integer rating, Contact contact, String handoffReason, List<JsonNode> frames,
            List<JsonNode> notes, Map<String, String> stored, Map<String, String> clientMessageIds, Map<String, Double> listedIn) {}

    record Timestamps(Instant createdAt, Instant queuedAt, Instant dueAt, Instant firstResponseAt, String claimedAt, String closedAt) {}

    record Assignment(String agent, String agentDisplayName, int transfers, String closeReason) {}

    record Queue(int position, String team, String tier, Instant waitingSince, Instant dueAt, boolean breached) {}

    /** The message the customer left for the team, and the address to answer to. */
    record Contact(String email, List<String> messages) {}

    record ConversationExportBody(Instant exportedAt, ConversationData conversation) {}

    record CustomerExportBody(Instant exportedAt, String customer, List<ConversationData> conversations) {}

    @GetMapping(path = "/conversations/{id}/export", produces = "application/json")
    ConversationExportBody export(@PathVariable String id, Authentication admin) {
        ConversationExport export = handoff.export(id).orElseThrow(() -> new ConversationNotFoundException(id));
        log.info("{} exported conversation {}", admin.getName(), id);
        return new ConversationExportBody(clock.instant(), view(export));
    }

    @DeleteMapping(path = "/conversations/{id}")
    ResponseEntity<Void> erase(@PathVariable String id, Authentication admin) {
        if (!handoff.erase(id)) {
            throw new ConversationNotFoundException(id);
        }
        log.info("{} erased conversation {}", admin.getName(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/customers/{sub}/export", produces = "application/json")
    CustomerExportBody exportCustomer(@PathVariable String sub, Authentication admin) {
        List<ConversationData> conversations = handoff.conversationsOfCustomer(sub).stream()
                .map(handoff::export).flatMap(Optional::stream).map(this::view).toList();
        if (conversations.isEmpty()) {
            throw customerNotFound();
        }
        log.info("{} exported the {} conversations of a customer", admin.getName(), conversations.size());
        return new CustomerExportBody(clock.instant(), sub, conversations);
    }

    @DeleteMapping(path = "/customers/{sub}")
    ResponseEntity<Void> eraseCustomer(@PathVariable String sub, Authentication admin) {
        List<String> erased = handoff.eraseCustomer(sub);
        if (erased.isEmpty()) {
            throw customerNotFound();
        }
        log.info("{} erased the conversations of a customer: {}", admin.getName(), erased);
        return ResponseEntity.noContent().build();
    }

    private static ApiException customerNotFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "customer_not_found", "No conversation of a customer with that identity is stored.");
    }

    private ConversationData view(ConversationExport export) {
        Conversation c = export.conversation();
        Map<String, String> stored = export.stored();
        List<JsonNode> frames = export.frames().stream().map(f -> json.readTree(f.json())).toList();
        List<String> left = export.frames().stream().filter(f -> "contact".equals(f.type()))
                .map(f -> json.readTree(f.json()).path("text").asString()).toList();
        QueueEntry entry = export.queueEntry();
        return new ConversationData(c.id(), c.status().code(), c.locale(),
                new Timestamps(c.createdAt(), c.queuedAt(), c.dueAt(), c.firstResponseAt(), stored.get("claimedAt"), stored.get("closedAt")),
                c.customer(),
                c.agent() == null ? null : new Assignment(c.agent(), c.agentDisplayName(), c.transfers(), c.closeReason()),
                entry == null ? null : new Queue(entry.position(), entry.team(), entry.tier(), entry.waitingSince(), entry.dueAt(), entry.breached()),
                c.rating(),
                c.contactEmail() == null && left.isEmpty() ? null : new Contact(c.contactEmail(), left),
                c.handoffReason(), frames, export.notes().stream().map(n -> json.readTree(n.json())).toList(), stored,
                export.clientMessageIds(), export.listedIn());
    }
}
