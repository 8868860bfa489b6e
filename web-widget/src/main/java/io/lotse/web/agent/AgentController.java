package io.lotse.web.agent;

import io.lotse.handoff.Conversation;
import io.lotse.handoff.ConversationNotFoundException;
import io.lotse.handoff.ConversationStatus;
import io.lotse.handoff.Frame;
import io.lotse.handoff.Handoff;
import io.lotse.handoff.QueueEntry;
import io.lotse.web.LotseProperties;
import io.lotse.web.security.Users;
import io.lotse.web.system.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The agent API: the queue, claiming, the transcript, replying and closing. */
@RestController
@RequestMapping(path = "/api/agent")
class AgentController {

    private final Handoff handoff;
    private final Users users;
    private final AgentEvents events;
    private final JsonMapper json;
    private final int maxMessageLength;
    private final Clock clock = Clock.systemUTC();

    AgentController(Handoff handoff, Users users, AgentEvents events, JsonMapper json, LotseProperties properties) {
        this.handoff = handoff;
        this.users = users;
        this.events = events;
        this.json = json;
        this.maxMessageLength = properties.chat().maxMessageLength();
    }

    /** The body of a reply. */
    record Reply(String text) {}

    @GetMapping(path = "/queue", produces = "application/json")
    List<Map<String, Object>> queue() {
        Instant now = clock.instant();
        return handoff.queue().stream().map(entry -> queueEntry(entry, now)).toList();
    }

    private static Map<String, Object> queueEntry(QueueEntry entry, Instant now) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("conversationId", entry.conversationId());
        map.put("locale", entry.locale());
        map.put("waitingSince", entry.waitingSince());
        map.put("waitingSeconds", Math.max(0, Duration.between(entry.waitingSince(), now).toSeconds()));
        map.put("position", entry.position());
        map.put("reason", entry.reason());
        map.put("lastCustomerText", entry.lastCustomerText());
        return map;
    }

    @GetMapping(path = "/conversations", produces = "application/json")
    List<Map<String, Object>> conversations(@RequestParam(defaultValue = "assigned") String status) {
        ConversationStatus wanted = parseStatus(status);
        return handoff.conversations(wanted).stream().map(c -> summary(c)).toList();
    }

    private static ConversationStatus parseStatus(String status) {
        try {
            return ConversationStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "status must be bot, queued, assigned or closed");
        }
    }

    @PostMapping(path = "/conversations/{id}/claim", produces = "application/json")
    Map<String, Object> claim(@PathVariable String id, Authentication agent) {
        Conversation conversation = handoff.claim(id, agent.getName(), users.displayName(agent.getName()));
        return summary(conversation);
    }

    @GetMapping(path = "/conversations/{id}", produces = "application/json")
    Map<String, Object> conversation(@PathVariable String id, @RequestParam(defaultValue = "0") long after) {
        Conversation conversation = handoff.find(id).orElseThrow(() -> new ConversationNotFoundException(id));
        Map<String, Object> map = summary(conversation);
        List<JsonNode> frames = handoff.framesAfter(id, Math.max(0, after)).stream().map(Frame::json).map(json::readTree).toList();
        map.put("frames", frames);
        return map;
    }

    @PostMapping(path = "/conversations/{id}/messages", consumes = "application/json", produces = "application/json")
    ResponseEntity<Map<String, Object>> reply(@PathVariable String id, @RequestBody Reply reply, Authentication agent) {
        String text = reply == null || reply.text() == null ? "" : reply.text().strip();
        if (text.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "text is required.");
        }
        if (text.length() > maxMessageLength) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "message_too_long",
                    "A message may have at most " + maxMessageLength + " characters.");
        }
        long seq = handoff.agentMessage(id, agent.getName(), users.displayName(agent.getName()), text);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("seq", seq));
    }

    @PostMapping(path = "/conversations/{id}/close", produces = "application/json")
    Map<String, Object> close(@PathVariable String id, Authentication agent) {
        handoff.close(id, agent.getName());
        return summary(handoff.find(id).orElseThrow(() -> new ConversationNotFoundException(id)));
    }

    @GetMapping(path = "/events", produces = "text/event-stream")
    SseEmitter events() {
        return events.open();
    }

    private Map<String, Object> summary(Conversation c) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("conversationId", c.id());
        map.put("locale", c.locale());
        map.put("status", c.status().code());
        map.put("agent", c.agent());
        map.put("agentDisplayName", c.agentDisplayName());
        map.put("createdAt", c.createdAt());
        map.put("queuedAt", c.queuedAt());
        map.put("rating", c.rating());
        map.put("handoffReason", c.handoffReason());
        map.put("handoffContext", c.handoffContext() == null ? null : json.readTree(c.handoffContext()));
        return map;
    }
}
