package io.lotse.web.agent;

import io.lotse.handoff.Conversation;
import io.lotse.handoff.ConversationNotFoundException;
import io.lotse.handoff.ConversationStatus;
import io.lotse.handoff.Frame;
import io.lotse.handoff.Handoff;
import io.lotse.handoff.Note;
import io.lotse.web.privacy.PaymentData;
import io.lotse.handoff.QueuePage;
import io.lotse.web.LotseProperties;
import io.lotse.web.security.Users;
import io.lotse.web.system.ApiException;
import io.lotse.web.system.MessageLength;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The agent API: the queue, claiming, the transcript, replying, notes, transfer and closing. */
@RestController
@RequestMapping(path = "/api/agent")
class AgentController {

    /** The most queue entries or conversations one request answers. */
    static final int MAX_PAGE = 500;
    /** The queue entries a request answers unless it asks for more or fewer. */
    static final int DEFAULT_PAGE = 50;

    private final Handoff handoff;
    private final Users users;
    private final JsonMapper json;
    private final AgentViews views;
    private final Clock clock = Clock.systemUTC();

    AgentController(Handoff handoff, Users users, JsonMapper json) {
        this.handoff = handoff;
        this.users = users;
        this.json = json;
        this.views = new AgentViews(json);
    }

    /** The body of a reply or a note. */
    record Text(@NotBlank @MessageLength String text) {}

    /** The body of a transfer: a team or an agent, and a note for whoever takes it. */
    record Transfer(String team, String agent, @MessageLength String note) {}

    /**
     * The waiting conversations, tier A first, then B, then the rest, longest waiting first within
     * each; a page of them from {@code offset}, or after the page that gave {@code cursor}. The header
     * {@code X-Total-Count} says how many wait; {@code X-Next-Cursor} (and a {@code Link} with
     * {@code rel="next"}) where the next page starts, when there is one.
     */
    @GetMapping(path = "/queue", produces = "application/json")
    ResponseEntity<List<Map<String, Object>>> queue(@RequestParam(required = false) Long offset,
            @RequestParam(required = false) String cursor, @RequestParam(defaultValue = "" + DEFAULT_PAGE) int limit) {
        if ((offset != null && offset < 0) || limit < 1 || limit > MAX_PAGE) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "offset must be 0 or more and limit 1 to " + MAX_PAGE + ".");
        }
        if (offset != null && cursor != null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "Give offset or cursor, not both.");
        }
        QueuePage page;
        try {
            page = cursor != null ? handoff.queuePage(cursor, limit) : handoff.queuePage(offset == null ? 0 : offset, limit);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_cursor", "cursor must be one a page of the queue gave.");
        }
        Instant now = clock.instant();
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().header("X-Total-Count", String.valueOf(page.total()));
        if (page.next() != null) {
            response.header("X-Next-Cursor", page.next())
                    .header(HttpHeaders.LINK, "</api/agent/queue?cursor=" + page.next() + "&limit=" + limit + ">; rel=\"next\"");
        }
        return response.body(page.entries().stream().map(e -> AgentViews.queueEntry(e, now)).toList());
    }

    /**
     * Conversations in a status ({@code assigned} by default; {@code pending}: messages left while
     * nobody was there), or the caller's own with {@code mine=true}; {@code q} keeps those whose id,
     * customer or last message contains it.
     */
    @GetMapping(path = "/conversations", produces = "application/json")
    List<Map<String, Object>> conversations(@RequestParam(defaultValue = "assigned") String status,
            @RequestParam(defaultValue = "false") boolean mine, @RequestParam(required = false) String q, Authentication agent) {
        Instant now = clock.instant();
        ConversationStatus wanted = parseStatus(status);
        List<Conversation> found = mine ? handoff.conversationsOf(agent.getName()) : handoff.conversations(wanted);
        String query = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> list = new ArrayList<>();
        // Newest first for the closed ones, which an agent searches; oldest first for those still open.
        List<Conversation> ordered = wanted == ConversationStatus.CLOSED && !mine ? found.reversed() : found;
        for (Conversation conversation : ordered) {
            if (list.size() == MAX_PAGE) {
                break;
            }
            if (query.isEmpty() || matches(conversation, query)) {
                list.add(views.summary(conversation, now));
            }
        }
        List<String> ids = list.stream().map(m -> (String) m.get("conversationId")).toList();
        Map<String, Boolean> online = handoff.customersOnline(ids);
        list.forEach(m -> m.put("customerOnline", online.get((String) m.get("conversationId"))));
        return list;
    }

    private static boolean matches(Conversation c, String query) {
        StringBuilder text = new StringBuilder(c.id());
        if (c.customer() != null) {
            text.append(' ').append(c.customer().name()).append(' ').append(c.customer().email()).append(' ').append(c.customer().id());
        }
        text.append(' ').append(c.contactEmail()).append(' ').append(c.agentDisplayName()).append(' ').append(c.handoffContext());
        return text.toString().toLowerCase(Locale.ROOT).contains(query);
    }

    private static ConversationStatus parseStatus(String status) {
        try {
            return ConversationStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "status must be bot, queued, pending, assigned or closed");
        }
    }

    @PostMapping(path = "/conversations/{id}/claim", produces = "application/json")
    Map<String, Object> claim(@PathVariable String id, Authentication agent) {
        Conversation conversation = handoff.claim(id, agent.getName(), users.displayName(agent.getName()));
        return views.summary(conversation, clock.instant());
    }

    /**
     * The transcript: every frame (the bot's part included) with the agents' notes in their place,
     * after the frame {@code after} when given; and whether the customer is still connected.
     */
    @GetMapping(path = "/conversations/{id}", produces = "application/json")
    Map<String, Object> conversation(@PathVariable String id, @RequestParam(defaultValue = "0") long after) {
        Conversation conversation = handoff.find(id).orElseThrow(() -> new ConversationNotFoundException(id));
        Map<String, Object> map = views.summary(conversation, clock.instant());
        map.put("customerOnline", handoff.customersOnline(List.of(id)).get(id));
        map.put("frames", transcript(handoff.framesAfter(id, Math.max(0, after)), handoff.notes(id), Math.max(0, after)));
        return map;
    }

    /** Frames in order, each note right after the frame it was written after. */
    private List<JsonNode> transcript(List<Frame> frames, List<Note> notes, long after) {
        List<JsonNode> merged = new ArrayList<>(frames.size() + notes.size());
        Iterator<Note> pending = notes.stream().filter(n -> n.afterSeq() >= after).iterator();
        Note next = pending.hasNext() ? pending.next() : null;
        for (Frame frame : frames) {
            while (next != null && next.afterSeq() < frame.seq()) {
                merged.add(json.readTree(next.json()));
                next = pending.hasNext() ? pending.next() : null;
            }
            merged.add(json.readTree(frame.json()));
        }
        while (next != null) {
            merged.add(json.readTree(next.json()));
            next = pending.hasNext() ? pending.next() : null;
        }
        return merged;
    }

    @PostMapping(path = "/conversations/{id}/messages", consumes = "application/json", produces = "application/json")
    ResponseEntity<Map<String, Object>> reply(@PathVariable String id, @Valid @RequestBody Text reply, Authentication agent) {
        String text = checkedText(reply);
        long seq = handoff.agentMessage(id, agent.getName(), users.displayName(agent.getName()), text);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("seq", seq));
    }

    /** An internal note: in the agents' transcript, never sent to the customer. */
    @PostMapping(path = "/conversations/{id}/notes", consumes = "application/json", produces = "application/json")
    ResponseEntity<JsonNode> note(@PathVariable String id, @Valid @RequestBody Text note, Authentication agent) {
        String text = checkedText(note);
        Note added = handoff.addNote(id, agent.getName(), text);
        return ResponseEntity.status(HttpStatus.CREATED).body(json.readTree(added.json()));
    }

    /** Shows the customer that the agent is typing; nothing is stored. */
    @PostMapping(path = "/conversations/{id}/typing")
    ResponseEntity<Void> typing(@PathVariable String id) {
        handoff.find(id).orElseThrow(() -> new ConversationNotFoundException(id));
        handoff.typing(id, "agent");
        return ResponseEntity.noContent().build();
    }

    /**
     * Hands the conversation to a team (back into its queue at the old place) or to an agent (who
     * must be online with room), with a note for them. An administrator may move anyone's.
     */
    @PostMapping(path = "/conversations/{id}/transfer", consumes = "application/json", produces = "application/json")
    Map<String, Object> transfer(@PathVariable String id, @Valid @RequestBody Transfer transfer, Authentication agent) {
        boolean toTeam = transfer != null && transfer.team() != null && !transfer.team().isBlank();
        boolean toAgent = transfer != null && transfer.agent() != null && !transfer.agent().isBlank();
        if (toTeam == toAgent) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "Give either team or agent.");
        }
        String note = transfer.note() == null ? "" : transfer.note().strip();
        note = PaymentData.mask(note);
        Conversation conversation = handoff.find(id).orElseThrow(() -> new ConversationNotFoundException(id));
        String holder = isAdmin(agent) && conversation.agent() != null ? conversation.agent() : agent.getName();
        if (toTeam) {
            handoff.transferToTeam(id, holder, transfer.team().strip(), note);
        } else if (isAdmin(agent)) {
            handoff.reassign(id, transfer.agent().strip(), agent.getName(), note);
        } else {
            handoff.transferToAgent(id, holder, transfer.agent().strip(), note);
        }
        return views.summary(handoff.find(id).orElseThrow(() -> new ConversationNotFoundException(id)), clock.instant());
    }

    @PostMapping(path = "/conversations/{id}/close", produces = "application/json")
    Map<String, Object> close(@PathVariable String id, Authentication agent) {
        handoff.close(id, agent.getName());
        return views.summary(handoff.find(id).orElseThrow(() -> new ConversationNotFoundException(id)), clock.instant());
    }

    /** The text of a body that passed validation: present, not blank, not too long; card numbers and IBANs masked. */
    private static String checkedText(Text body) {
        return PaymentData.mask(body.text().strip());
    }

    static boolean isAdmin(Authentication user) {
        return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
    }
}
