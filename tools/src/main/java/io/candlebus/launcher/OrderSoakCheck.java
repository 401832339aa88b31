package io.candlebus.launcher;

import io.candlebus.order.journal.JournalEntry;
import io.candlebus.order.journal.OrderState;
import io.candlebus.sim.orders.SimOrder;
import io.candlebus.sim.orders.SimOrderStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what candlebus believes about its orders (the journal) with the simulator's book at the end of an
 * order soak: every intent should have exactly one venue order if candlebus believes it placed, none if it
 * believes it not placed (REJECTED), in the same state with the same filled quantity; and the venue should
 * hold no order candlebus does not know. A venue's EXPIRED and CANCELED count as the same end (Bithumb
 * reports both as {@code cancel}).
 */
final class OrderSoakCheck {
    private OrderSoakCheck() {}

    /**
     * The outcome.
     *
     * @param intents journaled intents (signals that became orders)
     * @param orders distinct venue orders carrying a journaled client order id
     * @param duplicates intents with more than one venue order
     * @param lost intents with no venue order that candlebus believes placed, intents candlebus believes not
     *     placed that the venue holds, and venue orders with a client order id candlebus never journaled
     * @param mismatched intents with one venue order whose state or filled quantity differs from candlebus's
     * @param problems one line per problem, naming the client order id
     */
    record Result(int intents, int orders, int duplicates, int lost, int mismatched, List<String> problems) {
        boolean clean() {
            return duplicates == 0 && lost == 0 && mismatched == 0;
        }

        String line() {
            return "intents=" + intents + " orders=" + orders + " duplicates=" + duplicates + " lost=" + lost
                    + " mismatched=" + mismatched;
        }
    }

    static Result check(List<JournalEntry> journal, List<SimOrder> venue) {
        Map<String, List<SimOrder>> byClientId = new HashMap<>();
        for (SimOrder o : venue) {
            String id = o.request().clientOrderId();
            if (id != null) {
                byClientId.computeIfAbsent(id, k -> new ArrayList<>()).add(o);
            }
        }
        List<String> problems = new ArrayList<>();
        int orders = 0;
        int duplicates = 0;
        int lost = 0;
        int mismatched = 0;
        Map<String, JournalEntry> known = new HashMap<>();
        for (JournalEntry entry : journal) {
            known.put(entry.clientOrderId(), entry);
            List<SimOrder> held = byClientId.getOrDefault(entry.clientOrderId(), List.of());
            orders += held.size();
            if (held.size() > 1) {
                duplicates++;
                problems.add("duplicate: " + entry.clientOrderId() + " has " + held.size() + " venue orders");
            } else if (held.isEmpty()) {
                if (entry.state() != OrderState.REJECTED) {
                    lost++;
                    problems.add("lost: " + entry.clientOrderId() + " is " + entry.state()
                            + " in the journal but the venue has no order");
                }
            } else if (entry.state() == OrderState.REJECTED) {
                lost++;
                problems.add("lost: " + entry.clientOrderId() + " is REJECTED in the journal (" + entry.reason()
                        + ") but the venue holds order " + held.get(0).orderId());
            } else {
                SimOrder order = held.get(0);
                if (!sameEnd(entry.state(), order.status())
                        || entry.filledQuantity().compareTo(order.executedQuantity()) != 0) {
                    mismatched++;
                    problems.add("mismatched: " + entry.clientOrderId() + " journal " + entry.state() + " filled "
                            + entry.filledQuantity().toPlainString() + ", venue " + order.status() + " filled "
                            + order.executedQuantity().toPlainString());
                }
            }
        }
        for (Map.Entry<String, List<SimOrder>> e : byClientId.entrySet()) {
            if (!known.containsKey(e.getKey())) {
                lost += e.getValue().size();
                problems.add("lost: the venue holds " + e.getValue().size() + " order(s) with client order id "
                        + e.getKey() + " that the journal does not know");
            }
        }
        problems.sort(null);
        return new Result(journal.size(), orders, duplicates, lost, mismatched, List.copyOf(problems));
    }

    private static boolean sameEnd(OrderState journaled, SimOrderStatus venue) {
        return switch (venue) {
            case NEW -> journaled == OrderState.NEW;
            case PARTIALLY_FILLED -> journaled == OrderState.PARTIALLY_FILLED;
            case FILLED -> journaled == OrderState.FILLED;
            case CANCELED, EXPIRED -> journaled == OrderState.CANCELED || journaled == OrderState.EXPIRED;
        };
    }
}
