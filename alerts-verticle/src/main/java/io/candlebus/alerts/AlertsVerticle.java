package io.candlebus.alerts;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.Signal;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts role: listens to signals, order events and heartbeats, turns them into alerts
 * ({@link AlertRules}), filters, de-duplicates and throttles them ({@link Throttle}) and hands each sink its
 * messages ({@link SinkSender}), which post them without ever holding up a bus consumer. Publishes its own
 * heartbeat with every sink's counters.
 */
public final class AlertsVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(AlertsVerticle.class);
    static final String COMPONENT = "alerts";
    private static final long TICK_MILLIS = 1000;

    private final AlertsConfig config;
    private final Clock marketClock;
    private final Clock wallClock = Clock.systemUTC();
    private final String node;
    private AlertRules rules;
    private final Throttle throttle;
    private final List<SinkSender> senders = new ArrayList<>();
    private final List<Sink> sinks = new ArrayList<>();
    private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
    private WebClient client;
    private long timer = -1;
    private long raised;
    private long filtered;
    private long lastEventTime;
    private String state = "starting";

    /**
     * @param marketClock the market's clock (the simulator's when it runs), against which signal ages are
     *     judged; node silence and throttle windows use the wall clock
     */
    public AlertsVerticle(AlertsConfig config, Clock marketClock, String node) {
        this.config = Objects.requireNonNull(config, "config");
        this.marketClock = Objects.requireNonNull(marketClock, "marketClock");
        this.node = Objects.requireNonNull(node, "node");
        this.throttle = new Throttle(config.throttleMillis());
        if (config.webhookUrl() != null) {
            sinks.add(new WebhookSink(config.webhookUrl()));
        }
        if (config.telegramChatId() != null) {
            sinks.add(new TelegramSink(config.telegramApiUrl(), config.telegramToken(), config.telegramChatId()));
        }
        if (config.discordWebhookUrl() != null) {
            sinks.add(new DiscordSink(config.discordWebhookUrl()));
        }
    }

    @Override
    public Future<?> start() {
        rules = new AlertRules(config, node, wallClock.millis());
        client = WebClient.create(
                vertx, new WebClientOptions().setUserAgent("candlebus-alerts").setConnectTimeout((int)
                                Math.min(Integer.MAX_VALUE, config.requestTimeoutMillis())));
        List<String> secrets = new ArrayList<>();
        sinks.forEach(s -> secrets.addAll(s.secrets()));
        Redaction redaction = new Redaction(secrets);
        RetryPolicy policy = new RetryPolicy(config.maxAttempts(), config.retryBaseMillis(), config.retryMaxMillis());
        for (Sink sink : sinks) {
            senders.add(new SinkSender(
                    vertx, client, sink, policy, config.queueCapacity(), config.requestTimeoutMillis(), redaction));
        }
        consumers.add(vertx.eventBus().consumer(Addresses.SIGNALS, this::onSignal));
        consumers.add(vertx.eventBus().consumer(Addresses.ORDERS_EVENTS, this::onOrder));
        consumers.add(vertx.eventBus().consumer(Addresses.STATUS_HEARTBEAT, this::onHeartbeat));
        timer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
        if (sinks.isEmpty()) {
            log.info("alerts: no sink configured (alerts.webhook.url, alerts.telegram.chatId, "
                    + "alerts.discord.webhookUrl); alerts are only counted");
        } else {
            log.info(
                    "alerts: sending to {}",
                    senders.stream().map(SinkSender::name).toList());
        }
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
                .onSuccess(v -> {
                    state = "live";
                    publishHeartbeat();
                });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        senders.forEach(SinkSender::close);
        state = "stopped";
        publishHeartbeat();
        Future<?> unregistered =
                Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
        return unregistered.onComplete(v -> client.close());
    }

    private void onSignal(Message<Object> m) {
        if (m.body() instanceof Signal s) {
            dispatch(rules.onSignal(s, marketClock.millis()));
        }
    }

    private void onOrder(Message<Object> m) {
        if (m.body() instanceof OrderEvent e) {
            dispatch(rules.onOrder(e));
        }
    }

    private void onHeartbeat(Message<Object> m) {
        if (m.body() instanceof Heartbeat hb) {
            dispatch(rules.onHeartbeat(hb, wallClock.millis()));
        }
    }

    private void tick() {
        long now = wallClock.millis();
        dispatch(rules.tick(now));
        send(throttle.tick(now));
        publishHeartbeat();
    }

    private void dispatch(List<Alert> alerts) {
        List<Alert> out = new ArrayList<>(alerts.size());
        for (Alert a : alerts) {
            raised++;
            lastEventTime = marketClock.millis();
            if (!config.kinds().contains(a.kind())) {
                filtered++;
                continue;
            }
            Alert admitted = throttle.admit(a, wallClock.millis());
            if (admitted != null) {
                out.add(admitted);
            }
        }
        send(out);
    }

    private void send(List<Alert> alerts) {
        for (Alert a : alerts) {
            senders.forEach(s -> s.offer(a, node));
        }
    }

    private void publishHeartbeat() {
        Map<String, Long> counters = new TreeMap<>();
        counters.put("raised", raised);
        counters.put("filtered", filtered);
        counters.put("throttled", throttle.throttled());
        counters.put("duplicates", throttle.duplicates());
        counters.put("nodes", (long) rules.nodesPresent());
        senders.forEach(s -> counters.putAll(s.counters()));
        vertx.eventBus()
                .publish(
                        Addresses.STATUS_HEARTBEAT,
                        new Heartbeat(node, COMPONENT, state, counters, lastEventTime, marketClock.millis()));
    }
}
