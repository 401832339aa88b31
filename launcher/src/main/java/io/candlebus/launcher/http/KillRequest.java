package io.candlebus.launcher.http;

import io.candlebus.contract.KillSwitchCommand;
import io.vertx.core.json.JsonObject;

/**
 * Turns a kill-switch HTTP call into its bus command. The reason names the call, plus the caller's optional
 * {@code {"reason": "..."}} (at most {@link #MAX_WHY} printable characters); never the token.
 */
final class KillRequest {
    static final int MAX_WHY = 150;

    private KillRequest() {}

    /** Returns the command for {@code method} ({@code POST} trips, {@code DELETE} clears) with body {@code body}. */
    static KillSwitchCommand of(String method, String body) {
        KillSwitchCommand.Action action =
                "DELETE".equals(method) ? KillSwitchCommand.Action.CLEAR : KillSwitchCommand.Action.TRIP;
        String call = method + " /orders/kill";
        if (body == null || body.isBlank()) {
            return new KillSwitchCommand(action, call);
        }
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("body: expected JSON {\"reason\":\"...\"} or nothing, was invalid JSON");
        }
        for (String field : json.fieldNames()) {
            if (!field.equals("reason")) {
                throw new IllegalArgumentException("body." + field + ": unknown field, expected only reason");
            }
        }
        Object why = json.getValue("reason");
        if (why == null) {
            return new KillSwitchCommand(action, call);
        }
        if (!(why instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("reason: expected non-blank text, was " + why);
        }
        if (text.length() > MAX_WHY) {
            throw new IllegalArgumentException(
                    "reason: expected at most " + MAX_WHY + " characters, was " + text.length());
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("reason: expected printable text, was text with control characters");
        }
        return new KillSwitchCommand(action, call + ": " + text.strip());
    }
}
