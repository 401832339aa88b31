package io.candlebus.recorder;

import java.util.function.Consumer;

/**
 * The acknowledgement of one request, a single candle or a batch: it is answered once, when each of its
 * {@code size} candles is settled, with success if every one was recorded and else with the first error, so the
 * sender re-sends the whole request (candles already recorded are then skipped as duplicates). Owned by the
 * verticle's thread.
 */
final class BatchAck {
    /** Answers the request: {@code null} for success, else the error text. */
    interface Reply extends Consumer<String> {}

    private final Reply reply;
    private final long writeBy;
    private int left;
    private String error;

    /** An acknowledgement of {@code size} candles that must not start being written after {@code writeBy}. */
    BatchAck(int size, long writeBy, Reply reply) {
        if (size <= 0) {
            throw new IllegalArgumentException("size: expected > 0, was " + size);
        }
        this.left = size;
        this.writeBy = writeBy;
        this.reply = reply;
    }

    /** Returns whether the sender may already re-send these candles elsewhere at wall-clock time {@code now}. */
    boolean expired(long now) {
        return now > writeBy;
    }

    /** Settles one candle: recorded ({@code error} null) or not; answers once the last one is settled. */
    void settle(String error) {
        settle(1, error);
    }

    /** Settles {@code count} candles alike: recorded ({@code error} null) or not. */
    void settle(int count, String error) {
        if (count < 1 || count > left) {
            throw new IllegalStateException(
                    "settle: expected 1 to " + left + " candles of this request left to settle, was " + count);
        }
        if (error != null && this.error == null) {
            this.error = error;
        }
        left -= count;
        if (left == 0) {
            reply.accept(this.error);
        }
    }
}
