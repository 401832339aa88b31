package io.candlebus.contract;

import java.util.List;

/** The instruments the feeds follow, sorted by key; the reply to a {@link SubscriptionCommand}. */
public record SubscriptionList(List<Instrument> instruments) {

    public SubscriptionList {
        instruments = List.copyOf(Checks.present(instruments, "subscriptions.instruments"));
    }
}
