package io.candlebus.order.pnl;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.PnlSnapshot;
import io.candlebus.contract.Side;
import io.candlebus.order.paper.InstrumentAssets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Realised and unrealised profit per instrument, fed by fills and marked by market prices. Positions are valued
 * at their average entry ({@link AverageCostPosition}); realised PnL is net of the fees given with the fills;
 * unrealised PnL is at the last mark (zero before one). Amounts are in the instrument's settlement asset
 * ({@link InstrumentAssets#settle()}), and totals are per asset. {@code realisedToday} restarts at 00:00 UTC.
 * Single-threaded.
 */
public final class PnlBook {
    private static final long DAY_MILLIS = 86_400_000L;
    private static final int SCALE = 8;

    private final Function<Instrument, BigDecimal> contractSizes;
    private final Map<Instrument, Line> lines = new TreeMap<>();
    /** Live orders' filled quantity so far, by client order id: an event's fill is the growth since. */
    private final Map<String, BigDecimal> liveFilled = new HashMap<>();

    /** Creates an empty book; {@code contractSizes} gives a COIN-M instrument's USD per contract. */
    public PnlBook(Function<Instrument, BigDecimal> contractSizes) {
        this.contractSizes = contractSizes;
    }

    private static final class Line {
        final String asset;
        final LinearForm form;
        final AverageCostPosition position = new AverageCostPosition();
        BigDecimal orderUnits = BigDecimal.ZERO;
        BigDecimal realised = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal mark;
        long day = Long.MIN_VALUE;
        BigDecimal realisedToday = BigDecimal.ZERO;

        Line(String asset, LinearForm form) {
            this.asset = asset;
            this.form = form;
        }

        BigDecimal today(long now) {
            return Math.floorDiv(now, DAY_MILLIS) == day ? realisedToday : BigDecimal.ZERO;
        }

        void addToday(BigDecimal amount, long now) {
            long d = Math.floorDiv(now, DAY_MILLIS);
            if (d != day) {
                day = d;
                realisedToday = BigDecimal.ZERO;
            }
            realisedToday = realisedToday.add(amount);
        }

        BigDecimal unrealised() {
            return mark == null ? BigDecimal.ZERO : position.unrealised(form.price(mark));
        }
    }

    private Line line(Instrument instrument) {
        return lines.computeIfAbsent(instrument, i -> {
            String asset;
            try {
                asset = InstrumentAssets.of(i).settle();
            } catch (IllegalArgumentException e) {
                asset = "QUOTE";
            }
            LinearForm form = i.market() == Market.COINM ? new LinearForm(contractSizes.apply(i)) : LinearForm.LINEAR;
            return new Line(asset, form);
        });
    }

    /**
     * Records a fill of {@code quantity} (order units) at {@code price}, paying {@code fee} in the settlement
     * asset, at {@code time} (epoch ms).
     */
    public void fill(
            Instrument instrument, Side side, BigDecimal quantity, BigDecimal price, BigDecimal fee, long time) {
        Line line = line(instrument);
        BigDecimal signed = side == Side.BUY ? quantity : quantity.negate();
        BigDecimal gross = line.position.trade(line.form.quantity(signed), line.form.price(price));
        BigDecimal net = gross.subtract(fee);
        line.orderUnits = line.orderUnits.add(signed);
        line.realised = line.realised.add(net);
        line.fees = line.fees.add(fee);
        line.addToday(net, time);
        if (line.mark == null) {
            line.mark = price;
        }
    }

    /**
     * Records the fill a live order event reports: the growth of its filled quantity since the order's last
     * event, at the event's price (the order's limit or reference price; live events carry no fees). Paper
     * events and events without a price are skipped (the paper broker reports its fills with their fees).
     */
    public void onLiveEvent(OrderEvent event) {
        if (event.paper()) {
            return;
        }
        String id = event.clientOrderId();
        BigDecimal before = liveFilled.getOrDefault(id, BigDecimal.ZERO);
        BigDecimal delta = event.filledQuantity().subtract(before);
        if (delta.signum() > 0 && event.price() != null) {
            fill(event.instrument(), event.side(), delta, event.price(), BigDecimal.ZERO, event.time());
        }
        if (event.status() == OrderStatus.ACCEPTED) {
            liveFilled.put(id, event.filledQuantity().max(before));
        } else {
            liveFilled.remove(id);
        }
    }

    /** Marks {@code instrument} at {@code price}; only instruments with fills are kept. */
    public void mark(Instrument instrument, BigDecimal price) {
        Line line = lines.get(instrument);
        if (line != null) {
            line.mark = price;
        }
    }

    /** Returns the realised PnL of {@code instrument} after fees (zero if it has no fills). */
    public BigDecimal realised(Instrument instrument) {
        Line line = lines.get(instrument);
        return line == null ? BigDecimal.ZERO : line.realised;
    }

    /** Returns the unrealised PnL of {@code instrument} at its last mark. */
    public BigDecimal unrealised(Instrument instrument) {
        Line line = lines.get(instrument);
        return line == null ? BigDecimal.ZERO : line.unrealised();
    }

    /** Returns the realised PnL of every instrument settling in {@code asset} during the UTC day of {@code now}. */
    public BigDecimal realisedToday(String asset, long now) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Line line : lines.values()) {
            if (line.asset.equals(asset)) {
                sum = sum.add(line.today(now));
            }
        }
        return sum;
    }

    /** Returns the book as published on {@code orders.pnl}, amounts rounded to 8 decimals. */
    public PnlSnapshot snapshot(String node, long now) {
        List<PnlSnapshot.Line> out = new ArrayList<>();
        Map<String, BigDecimal[]> totals = new TreeMap<>();
        lines.forEach((instrument, line) -> {
            BigDecimal unrealised = line.unrealised();
            BigDecimal today = line.today(now);
            out.add(new PnlSnapshot.Line(
                    instrument,
                    line.asset,
                    line.orderUnits.stripTrailingZeros(),
                    round(line.realised),
                    round(unrealised),
                    round(line.fees),
                    round(today),
                    line.mark));
            BigDecimal[] sum = totals.computeIfAbsent(
                    line.asset, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(line.realised);
            sum[1] = sum[1].add(unrealised);
            sum[2] = sum[2].add(today);
        });
        List<PnlSnapshot.Total> byAsset = new ArrayList<>();
        totals.forEach(
                (asset, sum) -> byAsset.add(new PnlSnapshot.Total(asset, round(sum[0]), round(sum[1]), round(sum[2]))));
        return new PnlSnapshot(node, out, byAsset, now);
    }

    private static BigDecimal round(BigDecimal value) {
        BigDecimal r = value.setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return r.signum() == 0 ? BigDecimal.ZERO : r;
    }
}
