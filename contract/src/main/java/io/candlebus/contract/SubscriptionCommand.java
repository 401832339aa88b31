package io.candlebus.contract;

/** Asks the feeds to add, remove or list instruments; the reply is a {@link SubscriptionList}. */
public record SubscriptionCommand(Action action, Instrument instrument) {

    /** What the command does. */
    public enum Action {
        ADD,
        REMOVE,
        LIST
    }

    public SubscriptionCommand {
        Checks.present(action, "subscription.action");
        if (action != Action.LIST) {
            Checks.present(instrument, "subscription.instrument");
        }
    }
}
