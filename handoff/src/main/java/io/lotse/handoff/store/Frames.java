package io.lotse.handoff.store;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The frames the handoff itself writes, as records: their components, in order, are the frame's
 * fields after {@code type} and {@code seq} ({@code ts} is added when stored). The bot's frames come
 * from the caller.
 *
 * <p>One of the module's internals, public only for the handoff's feature packages.
 */
public final class Frames {

    private Frames() {}

    /** What the customer wrote. */
    public record Customer(String id, String text) {}

    /** What an agent wrote, with the name the customer sees. */
    public record Agent(String text, String agent) {}

    /** An agent has the conversation now; {@code agent} is the name the customer sees. */
    public record Assigned(String status, String agent) {
        public Assigned(String agent) {
            this("assigned", agent);
        }
    }

    /** Nobody can take the chat now; when someone can. */
    public record Offline(String status, String reason, String businessHours, String timeZone, String nextOpening) {
        public Offline(String reason, String businessHours, String timeZone, String nextOpening) {
            this("offline", reason, businessHours, timeZone, nextOpening);
        }
    }

    /** The message a customer left for the team. */
    public record Contact(String id, String email, String text) {}

    /** The customer's rating after the close. */
    public record Rating(int score) {}

    /** An internal note; a transfer's note says what went where. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Note(String text, String agent, String agentDisplayName, String fromAgent, String toAgent, String fromTeam,
            String toTeam) {}
}
