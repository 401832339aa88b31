package io.candlebus.sim.faults;

import io.candlebus.contract.Market;

/**
 * One fault of a {@link FaultSchedule}.
 *
 * @param atMillis sim time after the run's start at which it fires
 * @param kind what it does
 * @param durationMillis how long it lasts in sim time (for a shutdown, the grace period; for a lifetime cut,
 *     the shortened lifetime), 0 for instantaneous faults
 * @param market the Binance market of a 429 or 418, else null
 * @param badInput the kind of bad message of a {@link FaultKind#BAD_INPUT}, else null
 */
public record PlannedFault(long atMillis, FaultKind kind, long durationMillis, Market market, BadInput badInput) {}
