package io.candlebus.sim.faults;

/**
 * One order fault of a {@link FaultSchedule#planOrders} plan.
 *
 * @param atMillis sim time after the run's start at which it is armed
 * @param kind what it does to the next new-order request
 * @param durationMillis how long fresh orders stay invisible to lookups (sim time) for {@link
 *     OrderFaultKind#NOT_FOUND}, else 0
 */
public record PlannedOrderFault(long atMillis, OrderFaultKind kind, long durationMillis) {}
