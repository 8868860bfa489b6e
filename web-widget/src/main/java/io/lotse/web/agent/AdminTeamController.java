package io.lotse.web.agent;

import io.lotse.handoff.AgentState;
import io.lotse.handoff.Handoff;
import io.lotse.handoff.QueueEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An administrator's view of the team: every agent with presence, open conversations and capacity,
 * and the queue per team with its breaches. Moving a conversation is the agent API's transfer,
 * which an administrator may use on anyone's conversation.
 */
@RestController
@RequestMapping(path = "/api/admin")
class AdminTeamController {

    private final Handoff handoff;
    private final Clock clock = Clock.systemUTC();

    AdminTeamController(Handoff handoff) {
        this.handoff = handoff;
    }

    @GetMapping(path = "/team", produces = "application/json")
    Map<String, Object> team() {
        Instant now = clock.instant();
        List<AgentState> agents = handoff.agents();
        List<QueueEntry> queue = handoff.queue(0, AgentController.MAX_PAGE);
        List<Map<String, Object>> teams = new ArrayList<>();
        List<String> names = new ArrayList<>();
        names.add(null);
        names.addAll(handoff.teams());
        for (String team : names) {
            List<QueueEntry> waiting = queue.stream().filter(e -> Objects.equals(e.team(), team)).toList();
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("team", team);
            map.put("online", agents.stream().filter(a -> a.status().code().equals("online")
                    && (team == null || a.teams().contains(team))).count());
            map.put("waiting", waiting.size());
            map.put("breached", waiting.stream().filter(QueueEntry::breached).count());
            map.put("queue", waiting.stream().map(e -> AgentViews.queueEntry(e, now)).toList());
            teams.add(map);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("agents", agents.stream().map(AgentViews::agent).toList());
        view.put("teams", teams);
        view.put("queueLength", handoff.queueLength());
        return view;
    }
}
