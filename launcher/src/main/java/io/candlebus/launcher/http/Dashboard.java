package io.candlebus.launcher.http;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.Signal;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The chart dashboard's server side: keeps the recent chart data of every stream in memory from the bus,
 * serves it ({@code GET /history}), streams changes to pages as server-sent events ({@code GET /events}),
 * reads older history from the recorded dataset on request, and serves the chart library from the jar
 * ({@code /webjars/}). All read-only and unauthenticated, like {@code /status}.
 */
public final class Dashboard {
    /** The ECharts build the page loads, from the {@code org.webjars:echarts} jar. */
    public static final String ECHARTS_PATH = "/webjars/echarts/5.5.0/echarts.min.js";

    /** Pages connected at once at most; one more gets 503. */
    static final int MAX_CLIENTS = 256;

    /** Bytes queued for one page at most before it counts as too slow and is dropped. */
    static final int CLIENT_QUEUE_BYTES = 256 * 1024;

    private static final long PING_MILLIS = 15_000;

    private final Vertx vertx;
    private final DashboardSettings settings;
    private final CandleHistory history;
    private final SseHub hub = new SseHub(MAX_CLIENTS);

    public Dashboard(Vertx vertx, DashboardSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.history = new CandleHistory(settings);
    }

    /** Follows the chart's addresses; call from the verticle's start so handlers run on its event loop. */
    public void listen(EventBus bus) {
        bus.<Candle>consumer(Addresses.CANDLES_CLOSED, m -> {
            Candle c = m.body();
            JsonObject changed = history.onClosedCandle(c);
            if (changed != null) {
                hub.publish(c.instrument().key(), c.interval().code(), "closed", changed::encode);
            }
        });
        bus.<Candle>consumer(Addresses.CANDLES_LIVE, m -> {
            Candle c = m.body();
            JsonArray row = history.onLiveCandle(c);
            if (row != null) {
                hub.publish(c.instrument().key(), c.interval().code(), "live", row::encode);
            }
        });
        bus.<Bands>consumer(Addresses.BANDS, m -> {
            Bands b = m.body();
            JsonArray row = history.onBands(b);
            if (row != null) {
                hub.publish(b.instrument().key(), b.interval().code(), b.closed() ? "bands" : "liveBands", row::encode);
            }
        });
        bus.<Signal>consumer(Addresses.SIGNALS, m -> {
            Signal s = m.body();
            JsonObject json = history.onSignal(s);
            if (json != null) {
                hub.publish(s.instrument().key(), s.interval().code(), "signal", json::encode);
            }
        });
        bus.<OrderEvent>consumer(Addresses.ORDERS_EVENTS, m -> {
            OrderEvent e = m.body();
            JsonObject json = history.onOrderEvent(e);
            hub.publish(e.instrument().key(), null, "order", json::encode);
        });
        vertx.setPeriodic(PING_MILLIS, id -> hub.ping());
    }

    /** Adds the dashboard's routes; call before the catch-all static route of the page itself. */
    public void mount(Router router) {
        router.get("/history").handler(this::onHistory);
        router.get("/events").handler(this::onEvents);
        router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    }

    /** Returns the number of pages connected to {@code /events}. */
    public int clients() {
        return hub.clients();
    }

    private void onHistory(RoutingContext ctx) {
        String instrumentParam = ctx.queryParams().get("instrument");
        if (instrumentParam == null && ctx.queryParams().get("interval") == null) {
            ctx.json(new JsonObject().put("streams", history.streams()));
            return;
        }
        Instrument instrument = instrument(ctx);
        Interval interval = instrument == null ? null : interval(ctx);
        if (interval == null) {
            return;
        }
        String source = ctx.queryParams().get("source");
        if (source == null || source.equals("memory")) {
            ctx.json(withSettings(history.toJson(instrument, interval), "memory"));
        } else if (source.equals("dataset")) {
            vertx.executeBlocking(() -> DatasetHistory.read(settings, instrument, interval), false)
                    .onSuccess(json -> {
                        if (json == null) {
                            TokenAuth.error(
                                    ctx,
                                    404,
                                    "dataset: no recorded candles of " + instrument.key() + " " + interval.code()
                                            + " under " + settings.dataDir().toAbsolutePath()
                                            + " (only a node that can read the recorder's data directory serves it)");
                        } else {
                            ctx.json(withSettings(json, "dataset"));
                        }
                    })
                    .onFailure(e -> TokenAuth.error(ctx, 500, "dataset: " + e.getMessage()));
        } else {
            TokenAuth.error(ctx, 400, "source: expected memory or dataset, was '" + source + "'");
        }
    }

    private JsonObject withSettings(JsonObject json, String source) {
        return json.put("source", source)
                .put("maxSignalAgeMillis", settings.maxSignalAgeMillis())
                .put(
                        "smaPeriods",
                        new JsonArray()
                                .add(settings.strategy().sma().fast())
                                .add(settings.strategy().sma().slow()))
                .put("bandPeriod", settings.strategy().period())
                .put("bandK", settings.strategy().k());
    }

    private void onEvents(RoutingContext ctx) {
        Instrument instrument = instrument(ctx);
        Interval interval = instrument == null ? null : interval(ctx);
        if (interval == null) {
            return;
        }
        HttpServerResponse response = ctx.response();
        SseHub.Client client = new ResponseClient(response);
        if (!hub.add(client, instrument.key(), interval.code())) {
            TokenAuth.error(ctx, 503, "events: " + MAX_CLIENTS + " pages connected already, try again later");
            return;
        }
        response.closeHandler(v -> hub.remove(client));
        response.exceptionHandler(e -> hub.remove(client));
        response.setChunked(true)
                .setWriteQueueMaxSize(CLIENT_QUEUE_BYTES)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(SseHub.frame(
                "hello",
                new JsonObject()
                        .put("instrument", instrument.key())
                        .put("interval", interval.code())
                        .encode()));
    }

    private static Instrument instrument(RoutingContext ctx) {
        try {
            return Instrument.parse(ctx.queryParams().get("instrument"));
        } catch (IllegalArgumentException e) {
            TokenAuth.error(ctx, 400, e.getMessage());
            return null;
        }
    }

    private static Interval interval(RoutingContext ctx) {
        String code = ctx.queryParams().get("interval");
        try {
            return Interval.parse(code);
        } catch (IllegalArgumentException e) {
            TokenAuth.error(ctx, 400, e.getMessage());
            return null;
        }
    }

    /** An SSE response as the hub sees it. */
    private record ResponseClient(HttpServerResponse response) implements SseHub.Client {
        @Override
        public boolean writeQueueFull() {
            return response.writeQueueFull();
        }

        @Override
        public void write(String frame) {
            response.write(frame);
        }

        @Override
        public void close() {
            response.reset();
        }
    }
}
