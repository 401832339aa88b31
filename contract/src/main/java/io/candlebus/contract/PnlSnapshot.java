package io.candlebus.contract;

import java.math.BigDecimal;
import java.util.List;

/**
 * Profit and loss of the order node's fills, published every second on {@code orders.pnl}. Amounts are in the
 * asset each instrument settles in ({@code asset}: the quote asset for spot and USDT-M, the base coin for
 * COIN-M), so totals are per asset: KRW and USDT do not add up.
 */
public record PnlSnapshot(String node, List<Line> instruments, List<Total> totals, long time) {

    public PnlSnapshot {
        Checks.text(node, "pnlSnapshot.node");
        instruments = List.copyOf(Checks.present(instruments, "pnlSnapshot.instruments"));
        totals = List.copyOf(Checks.present(totals, "pnlSnapshot.totals"));
    }

    /**
     * One instrument: its net position (order units), realised PnL after fees, unrealised PnL at the last mark
     * (zero before one), the fees paid, and the realised PnL of the current UTC day.
     */
    public record Line(
            Instrument instrument,
            String asset,
            BigDecimal position,
            BigDecimal realised,
            BigDecimal unrealised,
            BigDecimal fees,
            BigDecimal realisedToday,
            BigDecimal mark) {
        public Line {
            Checks.present(instrument, "pnlSnapshot.line.instrument");
            Checks.text(asset, "pnlSnapshot.line.asset");
            Checks.present(position, "pnlSnapshot.line.position");
            Checks.present(realised, "pnlSnapshot.line.realised");
            Checks.present(unrealised, "pnlSnapshot.line.unrealised");
            Checks.present(fees, "pnlSnapshot.line.fees");
            Checks.present(realisedToday, "pnlSnapshot.line.realisedToday");
        }
    }

    /** The sum over the instruments settling in {@code asset}. */
    public record Total(String asset, BigDecimal realised, BigDecimal unrealised, BigDecimal realisedToday) {
        public Total {
            Checks.text(asset, "pnlSnapshot.total.asset");
            Checks.present(realised, "pnlSnapshot.total.realised");
            Checks.present(unrealised, "pnlSnapshot.total.unrealised");
            Checks.present(realisedToday, "pnlSnapshot.total.realisedToday");
        }
    }
}
