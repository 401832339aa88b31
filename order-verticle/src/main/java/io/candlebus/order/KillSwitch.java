package io.candlebus.order;

import io.candlebus.contract.KillSwitchState;

/**
 * The order kill switch. While tripped no new order is placed and open orders are cancelled. Tripping an
 * already tripped switch keeps the first reason and time (the original cause matters); only {@link #clear}
 * re-arms it. Runs on one event loop.
 */
public final class KillSwitch {
    /** The reason of a switch tripped by {@code order.killSwitch: true}. */
    public static final String CONFIG_REASON = "config order.killSwitch: true";

    private boolean tripped;
    private String reason;
    private long since;

    /** Creates the switch at {@code now}: tripped by the config if {@code trippedByConfig}, else armed. */
    public KillSwitch(boolean trippedByConfig, long now) {
        this.tripped = trippedByConfig;
        this.reason = trippedByConfig ? CONFIG_REASON : "armed at start";
        this.since = now;
    }

    /** Takes over a tripped state kept across a restart (its reason and time win over the config's). */
    public void restore(KillSwitchState kept) {
        if (kept.tripped()) {
            tripped = true;
            reason = kept.reason();
            since = kept.since();
        }
    }

    /** Trips the switch; returns whether it changed (false if it was tripped already). */
    public boolean trip(String why, long now) {
        if (tripped) {
            return false;
        }
        tripped = true;
        reason = why;
        since = now;
        return true;
    }

    /** Re-arms the switch; returns whether it changed (false if it was not tripped). */
    public boolean clear(String why, long now) {
        if (!tripped) {
            return false;
        }
        tripped = false;
        reason = why;
        since = now;
        return true;
    }

    /** Returns whether orders are refused. */
    public boolean tripped() {
        return tripped;
    }

    /** Returns the refusal an order gets while tripped: {@code kill switch tripped: <reason>}. */
    public String refusal() {
        return "kill switch tripped: " + reason;
    }

    /** Returns the state for the bus and {@code /status}. */
    public KillSwitchState state() {
        return new KillSwitchState(tripped, reason, since);
    }
}
