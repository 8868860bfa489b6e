package io.lotse.web.agent;

import io.lotse.handoff.AgentState;
import io.lotse.handoff.Conversation;
import io.lotse.handoff.Customer;
import io.lotse.handoff.QueueEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The JSON the agent and admin APIs answer with, built in one place. */
final class AgentViews {

    private final JsonMapper json;

    AgentViews(JsonMapper json) {
        this.json = json;
    }

    static Map<String, Object> agent(AgentState agent) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", agent.name());
        map.put("displayName", agent.displayName());
        map.put("status", agent.status().code());
        map.put("capacity", agent.capacity());
        map.put("active", agent.active());
        map.put("teams", agent.teams());
        return map;
    }

    static Map<String, Object> queueEntry(QueueEntry entry, Instant now) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("conversationId", entry.conversationId());
        map.put("locale", entry.locale());
        map.put("waitingSince", entry.waitingSince());
        map.put("waitingSeconds", Math.max(0, Duration.between(entry.waitingSince(), now).toSeconds()));
        map.put("position", entry.position());
        map.put("reason", entry.reason());
        map.put("lastCustomerText", entry.lastCustomerText());
        map.put("team", entry.team());
        map.put("tier", entry.tier());
        map.put("customer", customer(entry.customer()));
        map.put("dueAt", entry.dueAt());
        map.put("breached", entry.breached());
        return map;
    }

    Map<String, Object> summary(Conversation c, Instant now) {
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
        map.put("team", c.team());
        map.put("tier", c.customer() != null ? c.customer().tier() : null);
        map.put("customer", customer(c.customer()));
        map.put("contactEmail", c.contactEmail());
        map.put("dueAt", c.dueAt());
        map.put("firstResponseAt", c.firstResponseAt());
        map.put("breached", c.breached(now));
        map.put("transfers", c.transfers());
        map.put("closeReason", c.closeReason());
        map.put("lastCustomerText", c.lastCustomerText());
        return map;
    }

    static Map<String, Object> customer(Customer customer) {
        if (customer == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", customer.id());
        map.put("name", emptyToNull(customer.name()));
        map.put("email", emptyToNull(customer.email()));
        return map;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
