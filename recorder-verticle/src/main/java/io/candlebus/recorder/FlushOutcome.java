package io.candlebus.recorder;

import io.candlebus.contract.Candle;
import java.util.Map;

/**
 * Reports one call of {@link CandleRecorder#record}: candles written, candles skipped as already recorded
 * (or repeated in the batch), files written, and an error text per partition that could not be written.
 */
record FlushOutcome(long written, long duplicates, long files, Map<PartitionPath, String> failures) {

    FlushOutcome {
        failures = Map.copyOf(failures);
    }

    /** Returns the error for {@code candle}'s partition, or null if its partition was recorded. */
    String failureFor(Candle candle) {
        return failures.isEmpty() ? null : failures.get(PartitionPath.of(candle));
    }
}
