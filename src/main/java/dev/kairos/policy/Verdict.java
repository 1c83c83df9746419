package dev.kairos.policy;

/**
 * A decision and its one-line reason, for the model and the log ("denied: writes outside the workspace and watched
 * repositories (/etc/passwd)"). {@code network}: a {@code run_command} call may reach the network (a rule said so);
 * run it with the network on only when the call is allowed or approved.
 */
public record Verdict(Decision decision, String reason, boolean network) {

    public Verdict(Decision decision, String reason) {
        this(decision, reason, false);
    }

    public static Verdict allow(String why) {
        return new Verdict(Decision.ALLOW, "allowed: " + why);
    }

    public static Verdict ask(String why) {
        return new Verdict(Decision.ASK, "needs approval: " + why);
    }

    public static Verdict deny(String why) {
        return new Verdict(Decision.DENY, "denied: " + why);
    }

    Verdict withNetwork(boolean on) {
        return new Verdict(decision, reason, on);
    }
}
