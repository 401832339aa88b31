package io.candlebus.contract;

/**
 * The order kill switch: whether it is tripped, the reason of its last change (who and why) and when that
 * change happened (epoch ms). While tripped no new order is placed and open orders are cancelled.
 */
public record KillSwitchState(boolean tripped, String reason, long since) {

    public KillSwitchState {
        Checks.text(reason, "killSwitch.reason");
        Checks.nonNegative(since, "killSwitch.since");
    }
}
