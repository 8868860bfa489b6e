package io.lotse.handoff;

/** A transfer named an agent or a team that does not exist. */
public class UnknownTargetException extends RuntimeException {

    private final String kind;

    public UnknownTargetException(String kind, String name) {
        super("There is no " + kind + " called '" + name + "'.");
        this.kind = kind;
    }

    /** {@code agent} or {@code team}. */
    public String kind() {
        return kind;
    }
}
