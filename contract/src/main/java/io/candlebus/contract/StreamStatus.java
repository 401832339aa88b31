package io.candlebus.contract;

/**
 * The status of one followed stream (an instrument's 1m data on one venue connection), carried by its
 * feed's {@link Heartbeat}. Times are in the publishing feed's clock, so the age of the last message is
 * {@code heartbeat.time() - lastMessageTime}.
 *
 * @param instrument the instrument the stream follows
 * @param state where the stream stands
 * @param lastMessageTime when the venue last sent something that proves this stream current (0 = never)
 * @param reconnects connections of this stream replaced after a close, error, stall or cut
 * @param gapsFilled gaps of closed candles filled from REST
 * @param openGaps gaps detected and not yet filled
 * @param restWeightUsed the venue's last reported REST weight (or request count) for the stream's market
 * @param bannedUntil when a REST ban of the stream's market ends (0 = not banned)
 */
public record StreamStatus(
        Instrument instrument,
        StreamState state,
        long lastMessageTime,
        long reconnects,
        long gapsFilled,
        long openGaps,
        long restWeightUsed,
        long bannedUntil) {

    public StreamStatus {
        Checks.present(instrument, "stream.instrument");
        Checks.present(state, "stream.state");
        Checks.nonNegative(lastMessageTime, "stream.lastMessageTime");
        Checks.nonNegative(reconnects, "stream.reconnects");
        Checks.nonNegative(gapsFilled, "stream.gapsFilled");
        Checks.nonNegative(openGaps, "stream.openGaps");
        Checks.nonNegative(restWeightUsed, "stream.restWeightUsed");
        Checks.nonNegative(bannedUntil, "stream.bannedUntil");
    }
}
