package io.lotse.web.agent;

import io.lotse.handoff.AgentStatus;
import io.lotse.handoff.Handoff;
import io.lotse.web.system.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Agents' presence: saying one is there, on a break or gone; the list of agents; the console's event stream. */
@RestController
@RequestMapping(path = "/api/agent")
class PresenceController {

    private final Handoff handoff;
    private final AgentEvents events;

    PresenceController(Handoff handoff, AgentEvents events) {
        this.handoff = handoff;
        this.events = events;
    }

    record Presence(String status) {}

    @PutMapping(path = "/presence", consumes = "application/json", produces = "application/json")
    Map<String, Object> presence(@RequestBody Presence presence, Authentication agent) {
        AgentStatus status = AgentStatus.ofCode(presence == null ? null : presence.status()).orElseThrow(() ->
                new ApiException(HttpStatus.BAD_REQUEST, "invalid_status", "status must be online, away or offline."));
        if (!handoff.isAgent(agent.getName())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only agents have a presence.");
        }
        return AgentViews.agent(handoff.setPresence(agent.getName(), status));
    }

    @GetMapping(path = "/presence", produces = "application/json")
    Map<String, Object> myPresence(Authentication agent) {
        return handoff.agent(agent.getName()).map(AgentViews::agent).orElseThrow(() ->
                new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only agents have a presence."));
    }

    @GetMapping(path = "/agents", produces = "application/json")
    List<Map<String, Object>> agents() {
        return handoff.agents().stream().map(AgentViews::agent).toList();
    }

    /** The console's live updates; while it is open, the agent counts as there. */
    @GetMapping(path = "/events", produces = "text/event-stream")
    SseEmitter events(Authentication agent) {
        return events.open(agent.getName());
    }
}
