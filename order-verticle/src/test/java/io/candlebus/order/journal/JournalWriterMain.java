package io.candlebus.order.journal;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.candlebus.order.ClientOrderIds;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * The victim of {@link OrderJournalKillIT}: journals intents (each followed by a NEW state) as fast as it
 * can and prints {@code written N} once intent N is on disk, until it is killed.
 */
public final class JournalWriterMain {
    private JournalWriterMain() {}

    public static void main(String[] args) throws IOException {
        OrderJournalFile journal = OrderJournalFile.open(Path.of(args[0]));
        Instrument instrument = Instrument.parse("bithumb:spot:KRW-BTC");
        for (long i = 0; ; i++) {
            OrderRequest request = new OrderRequest(
                    ClientOrderIds.forSignal("kill-" + i),
                    instrument,
                    Side.BUY,
                    OrderType.LIMIT,
                    new BigDecimal("0.001"),
                    new BigDecimal("100000000"),
                    "kill test");
            journal.recordIntent(request, i);
            System.out.println("written " + i);
            System.out.flush();
            journal.recordState(request.clientOrderId(), OrderState.NEW, "C" + i, BigDecimal.ZERO, null, i);
        }
    }
}
