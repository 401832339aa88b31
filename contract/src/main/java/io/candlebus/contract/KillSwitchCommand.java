package io.candlebus.contract;

/**
 * Trips, clears or reads the order kill switch; the reply is a {@link KillSwitchState}. {@code reason}
 * (who and why, never a secret) is required to trip or clear and ignored by {@code GET}.
 */
public record KillSwitchCommand(Action action, String reason) {

    /** The longest reason accepted, in characters. */
    public static final int MAX_REASON_LENGTH = 200;

    /** What the command does. */
    public enum Action {
        TRIP,
        CLEAR,
        GET
    }

    public KillSwitchCommand {
        Checks.present(action, "killSwitch.action");
        if (action != Action.GET) {
            Checks.text(reason, "killSwitch.reason");
            if (reason.length() > MAX_REASON_LENGTH) {
                throw new IllegalArgumentException("killSwitch.reason: expected at most " + MAX_REASON_LENGTH
                        + " characters, was " + reason.length());
            }
        }
    }
}
