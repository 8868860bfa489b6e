package io.lotse.handoff;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The frames the handoff itself writes, as records: their components, in order, are the frame's
 * fields after {@code type} and {@code seq} ({@code ts} is added when stored). The bot's frames come
 * from the caller.
 */
final class Frames {

    private Frames() {}

    /** What the customer wrote. */
    record Customer(String id, String text) {}

    /** What an agent wrote, with the name the customer sees. */
    record Agent(String text, String agent) {}

    /** An agent has the conversation now; {@code agent} is the name the customer sees. */
    record Assigned(String status, String agent) {
        Assigned(String agent) {
            this("assigned", agent);
        }
    }

    /** Nobody can take the chat now; when someone can. */
    record Offline(String status, String reason, String businessHours, String timeZone, String nextOpening) {
        Offline(String reason, String businessHours, String timeZone, String nextOpening) {
            this("offline", reason, businessHours, timeZone, nextOpening);
        }
    }

    /** The message a customer left for the team. */
    record Contact(String id, String email, String text) {}

    /** The customer's rating after the close. */
    record Rating(int score) {}

    /** An internal note; a transfer's note says what went where. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Note(String text, String agent, String agentDisplayName, String fromAgent, String toAgent, String fromTeam,
            String toTeam) {}
}
