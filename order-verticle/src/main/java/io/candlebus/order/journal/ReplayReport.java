package io.candlebus.order.journal;

/**
 * What opening a journal found.
 *
 * @param records the complete records replayed
 * @param intents the intents among them
 * @param openIntents the intents not in a final state: to reconcile with the venue before trading
 * @param tornBytes the length of an incomplete last record cut off (a crash during a write), 0 if none
 */
public record ReplayReport(int records, int intents, int openIntents, long tornBytes) {

    /** Returns whether the last record was incomplete and was cut off. */
    public boolean tornTail() {
        return tornBytes > 0;
    }
}
