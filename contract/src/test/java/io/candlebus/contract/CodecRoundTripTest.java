package io.candlebus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.codec.Codecs;
import io.candlebus.contract.codec.JsonRecordCodec;
import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecRoundTripTest {
    static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");

    static Map<Class<? extends Record>, Record> samples() {
        Map<Class<? extends Record>, Record> s = new LinkedHashMap<>();
        s.put(
                Trade.class,
                new Trade(
                        KRW_BTC,
                        new BigDecimal("131250000"),
                        new BigDecimal("0.0021"),
                        1767225600123L,
                        Side.BUY,
                        17672256001230001L));
        s.put(
                Candle.class,
                new Candle(
                        BTC,
                        Interval.M1,
                        1767225600000L,
                        new BigDecimal("87310.01000000"),
                        new BigDecimal("87340.00"),
                        new BigDecimal("87301.12"),
                        new BigDecimal("87322.55"),
                        new BigDecimal("12.40351"),
                        new BigDecimal("1083051.88"),
                        1410,
                        new BigDecimal("6.90012"),
                        new BigDecimal("602514.33"),
                        true,
                        CandleSource.WEBSOCKET));
        s.put(
                Bands.class,
                new Bands(
                        BTC,
                        Interval.M5,
                        1767225600000L,
                        20,
                        2.0,
                        87322.55,
                        87300.125,
                        87350.5,
                        87249.75,
                        0.7137,
                        0.00115,
                        false));
        s.put(
                Signal.class,
                new Signal(
                        Signal.idOf("band_lower", BTC, Interval.M1, 1767225600000L, Side.BUY),
                        "band_lower",
                        BTC,
                        Interval.M1,
                        1767225600000L,
                        Side.BUY,
                        new BigDecimal("87200.5"),
                        "close below lower band",
                        1767225660001L));
        s.put(
                OrderRequest.class,
                new OrderRequest(
                        "sig-abc_1",
                        BTC,
                        Side.BUY,
                        OrderType.MARKET,
                        new BigDecimal("0.001"),
                        new BigDecimal("87200.5"),
                        "signal"));
        s.put(
                OrderEvent.class,
                new OrderEvent(
                        "sig-abc_1",
                        "paper-1",
                        BTC,
                        Side.BUY,
                        OrderStatus.FILLED,
                        new BigDecimal("0.001"),
                        new BigDecimal("0.001"),
                        new BigDecimal("87200.5"),
                        new BigDecimal("-0.002"),
                        "paper fill",
                        true,
                        1767225660002L));
        s.put(KillSwitchCommand.class, new KillSwitchCommand(KillSwitchCommand.Action.TRIP, "http: desk halt"));
        s.put(KillSwitchState.class, new KillSwitchState(true, "http: desk halt", 1767225660000L));
        s.put(
                PnlSnapshot.class,
                new PnlSnapshot(
                        "node-a",
                        List.of(new PnlSnapshot.Line(
                                BTC,
                                "USDT",
                                new BigDecimal("0.002"),
                                new BigDecimal("-1.25"),
                                new BigDecimal("3.5"),
                                new BigDecimal("0.174"),
                                new BigDecimal("-1.25"),
                                new BigDecimal("87000.1"))),
                        List.of(new PnlSnapshot.Total(
                                "USDT", new BigDecimal("-1.25"), new BigDecimal("3.5"), new BigDecimal("-1.25"))),
                        1767225660000L));
        s.put(SubscriptionCommand.class, new SubscriptionCommand(SubscriptionCommand.Action.ADD, KRW_BTC));
        s.put(SubscriptionList.class, new SubscriptionList(List.of(BTC, KRW_BTC)));
        s.put(
                Heartbeat.class,
                new Heartbeat(
                        "node-1",
                        "market.binance",
                        "live",
                        Map.of("klines", 12L, "badInput", 0L),
                        1767225660000L,
                        1767225661000L,
                        List.of(new StreamStatus(BTC, StreamState.BACKING_OFF, 1767225659000L, 2, 1, 0, 42, 0))));
        s.put(
                NodeInfo.class,
                new NodeInfo(
                        "node-1", List.of("market", "http"), "0.1.0-SNAPSHOT", 4242, 1767225600000L, 1767225661000L));
        s.put(CandleBatch.class, new CandleBatch(List.of((Candle) s.get(Candle.class)), 1767225690000L));
        s.put(
                RecorderPresence.class,
                new RecorderPresence(
                        "rec-9f86d081",
                        "node-2",
                        RecorderPresence.LIVE,
                        1767225661000L,
                        Map.of("binance:spot:BTCUSDT/1m", 1767225600000L)));
        s.put(TradeBatch.class, new TradeBatch(List.of((Trade) s.get(Trade.class))));
        long epoch = 7_331_902_114_220_551L;
        s.put(
                FeedEvent.Trades.class,
                new FeedEvent.Trades(
                        "bithumb.spot", epoch, 41, List.of((Trade) s.get(Trade.class), (Trade) s.get(Trade.class))));
        s.put(FeedEvent.KlineEvent.class, new FeedEvent.KlineEvent("binance.spot", epoch, 42, (Candle)
                s.get(Candle.class)));
        s.put(FeedEvent.Suspend.class, new FeedEvent.Suspend("bithumb.spot", epoch, 43, KRW_BTC));
        s.put(FeedEvent.Cover.class, new FeedEvent.Cover("bithumb.spot", epoch, 44, KRW_BTC, 1767218400000L));
        s.put(FeedEvent.Resume.class, new FeedEvent.Resume("bithumb.spot", epoch, 45, KRW_BTC, 1767225660000L));
        s.put(FeedEvent.Follow.class, new FeedEvent.Follow("binance.spot", epoch, 0, BTC));
        s.put(FeedEvent.Unfollow.class, new FeedEvent.Unfollow("binance.spot", epoch, 46, BTC));
        s.put(FeedEvent.Alive.class, new FeedEvent.Alive("binance.spot", epoch, 47, Long.MIN_VALUE, 1767225661000L, 4));
        s.put(FeedEvent.RepairStart.class, new FeedEvent.RepairStart("bithumb.spot", epoch, 48, 3));
        s.put(FeedRepair.class, new FeedRepair(1, 4, 3, Map.of("bithumb:spot:KRW-BTC", 1767225600000L)));
        return s;
    }

    @Test
    void everyRecordOnTheBusHasASample() {
        assertThat(samples().keySet()).containsExactlyInAnyOrderElementsOf(Codecs.ALL);
    }

    @Test
    void everyRecordSurvivesTheWireForm() {
        for (Record sample : samples().values()) {
            assertThat(roundTrip(sample)).as(sample.getClass().getSimpleName()).isEqualTo(sample);
        }
    }

    @Test
    void localTransformPassesTheSameInstance() {
        Record sample = samples().get(Candle.class);
        assertThat(codec(sample).transform(sample)).isSameAs(sample);
    }

    @Test
    void decimalsKeepTheirExactText() {
        Candle candle = (Candle) roundTrip(samples().get(Candle.class));
        assertThat(candle.open().toPlainString()).isEqualTo("87310.01000000");
    }

    @Test
    void wireFormStartsAfterOtherBytesInTheBuffer() {
        Record sample = samples().get(Trade.class);
        JsonRecordCodec<Record> codec = codec(sample);
        Buffer buffer = Buffer.buffer().appendString("header");
        codec.encodeToWire(buffer, sample);
        assertThat(codec.decodeFromWire(6, buffer)).isEqualTo(sample);
    }

    @SuppressWarnings("unchecked")
    private static JsonRecordCodec<Record> codec(Record sample) {
        return new JsonRecordCodec<>((Class<Record>) sample.getClass());
    }

    private static Record roundTrip(Record sample) {
        JsonRecordCodec<Record> codec = codec(sample);
        Buffer buffer = Buffer.buffer();
        codec.encodeToWire(buffer, sample);
        return codec.decodeFromWire(0, buffer);
    }
}
