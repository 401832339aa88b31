package io.candlebus.market;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.SubscriptionCommand;
import io.candlebus.contract.SubscriptionList;
import io.candlebus.contract.codec.ContractJson;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of {@code control.subscriptions}: checks an ADD against the configured venue markets and the
 * node's cap ({@code market.maxInstruments}), dispatches ADD and REMOVE to the feed of the instrument ({@code
 * market.feed.<feed>.control}, wherever in the cluster it runs), and answers every command with the instruments all
 * feeds follow, gathered from each feed. Commands are handled one at a time, so two ADDs cannot both pass the cap.
 * It keeps no subscription state of its own.
 */
public final class SubscriptionVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionVerticle.class);
    /** Its heartbeat component. */
    public static final String COMPONENT = "market.subscriptions";

    private final MarketConfig config;
    private final Clock clock;
    private final String node;
    private final List<String> feedIds;
    private final DeliveryOptions options = new DeliveryOptions().setSendTimeout(30_000);
    private Future<Void> queue = Future.succeededFuture();
    private HeartbeatTimer heartbeat;
    private long commands;
    private long refused;
    private long lastCommandTime;

    public SubscriptionVerticle(MarketConfig config, Clock clock, String node, List<String> feedIds) {
        this.config = config;
        this.clock = clock;
        this.node = node;
        this.feedIds = List.copyOf(feedIds);
    }

    @Override
    public Future<?> start() {
        heartbeat = new HeartbeatTimer(vertx, node, COMPONENT, clock, new HeartbeatTimer.Source() {
            @Override
            public String state() {
                return "live";
            }

            @Override
            public Map<String, Long> counters() {
                Map<String, Long> c = new TreeMap<>();
                c.put("commands", commands);
                c.put("refused", refused);
                return c;
            }

            @Override
            public long lastEventTime() {
                return lastCommandTime;
            }
        });
        return vertx.eventBus()
                .<Object>consumer(Addresses.CONTROL_SUBSCRIPTIONS, this::onControl)
                .completion()
                .onSuccess(v -> heartbeat.start());
    }

    @Override
    public Future<?> stop() {
        heartbeat.stop();
        return Future.succeededFuture();
    }

    private void onControl(Message<Object> message) {
        commands++;
        lastCommandTime = clock.millis();
        queue = queue.eventually(() -> handle(message).recover(e -> {
            refused++;
            if (e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
                message.fail(r.failureCode(), r.getMessage());
            } else if (e instanceof ReplyException r) {
                message.fail(FailureCode.UNAVAILABLE.code(), "control.subscriptions: " + r.getMessage());
            } else {
                message.fail(FailureCode.INVALID.code(), "control.subscriptions: " + e.getMessage());
            }
            return Future.succeededFuture();
        }));
    }

    private Future<Void> handle(Message<Object> message) {
        SubscriptionCommand command;
        try {
            command = commandOf(message.body());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        Instrument instrument = command.instrument();
        return switch (command.action()) {
            case ADD -> add(message, instrument);
            case REMOVE -> feedRequest(instrument, command, true)
                    .compose(v -> gather())
                    .onSuccess(message::reply)
                    .mapEmpty();
            default -> gather().onSuccess(message::reply).mapEmpty();
        };
    }

    private Future<Void> add(Message<Object> message, Instrument instrument) {
        if (!config.supports(instrument)) {
            return Future.failedFuture(refusal(
                    FailureCode.INVALID,
                    "control.subscriptions: expected a configured venue market, was '"
                            + instrument.exchange().wireName() + ":"
                            + instrument.market().wireName() + "'"));
        }
        return gather().compose(all -> {
                    if (all.instruments().contains(instrument)) {
                        return Future.succeededFuture(all);
                    }
                    int followed = all.instruments().size();
                    if (followed >= config.maxInstruments()) {
                        return Future.failedFuture(refusal(
                                FailureCode.REJECTED,
                                "control.subscriptions: refused '" + instrument.key() + "': this node already follows "
                                        + followed + " instruments, the most market.maxInstruments allows"));
                    }
                    LOG.info("adding {}", instrument);
                    return feedRequest(
                                    instrument,
                                    new SubscriptionCommand(SubscriptionCommand.Action.ADD, instrument),
                                    false)
                            .compose(v -> gather());
                })
                .onSuccess(message::reply)
                .mapEmpty();
    }

    /** Sends {@code command} to the feed of {@code instrument}; a feed that runs nowhere has nothing to remove. */
    private Future<Void> feedRequest(Instrument instrument, SubscriptionCommand command, boolean removing) {
        String address = Addresses.marketFeedControl(FeedParts.of(config).feedId(instrument));
        return vertx.eventBus()
                .request(address, command, options)
                .<Void>mapEmpty()
                .recover(e -> {
                    if (e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
                        return Future.failedFuture(refusal(
                                removing ? FailureCode.NOT_FOUND : FailureCode.UNAVAILABLE,
                                removing
                                        ? "control.subscriptions: expected a followed instrument, was '"
                                                + instrument.key() + "'"
                                        : "control.subscriptions: no node runs the feed of '" + instrument.key()
                                                + "'"));
                    }
                    return Future.failedFuture(e);
                });
    }

    /** Asks every feed for its instruments; a feed that runs nowhere follows none. */
    private Future<SubscriptionList> gather() {
        List<Future<SubscriptionList>> answers = new ArrayList<>();
        for (String feed : feedIds) {
            answers.add(vertx.eventBus()
                    .request(
                            Addresses.marketFeedControl(feed),
                            new SubscriptionCommand(SubscriptionCommand.Action.LIST, null),
                            options)
                    .map(m -> (SubscriptionList) m.body())
                    .recover(e -> e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS
                            ? Future.succeededFuture(new SubscriptionList(List.of()))
                            : Future.failedFuture(e)));
        }
        return Future.all(answers).map(all -> {
            TreeSet<Instrument> union = new TreeSet<>();
            answers.forEach(f -> union.addAll(f.result().instruments()));
            return new SubscriptionList(new ArrayList<>(union));
        });
    }

    private static ReplyException refusal(FailureCode code, String message) {
        return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code.code(), message);
    }

    private static SubscriptionCommand commandOf(Object body) {
        if (body instanceof SubscriptionCommand command) {
            return command;
        }
        if (body instanceof JsonObject json) {
            try {
                return ContractJson.fromJson(json.encode(), SubscriptionCommand.class);
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                throw new IllegalArgumentException("expected {\"action\":\"ADD|REMOVE|LIST\",\"instrument\":"
                        + "\"exchange:market:SYMBOL\"}, was " + json.encode() + " (" + cause.getMessage() + ")");
            }
        }
        throw new IllegalArgumentException("expected a SubscriptionCommand, was "
                + (body == null ? "null" : body.getClass().getSimpleName()));
    }
}
