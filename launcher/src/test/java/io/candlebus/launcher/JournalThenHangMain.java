package io.candlebus.launcher;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.candlebus.order.ApiCredentials;
import io.candlebus.order.AssetBalance;
import io.candlebus.order.bithumb.BithumbJwtSigner;
import io.candlebus.order.bithumb.BithumbOrderClient;
import io.candlebus.order.journal.OrderJournalFile;
import io.candlebus.order.live.LiveBroker;
import io.candlebus.order.live.VenueOrders;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A node's first life cut between journal write and send, for {@code OrderNodeKillIT}: runs the production
 * {@link LiveBroker} over the production journal and Bithumb client, behind the {@link VenueOrders} boundary
 * through a decorator that observes the moment the broker hands the journaled intent to the venue client,
 * prints {@code journaled <id>} and never sends; the test then kills this JVM with SIGKILL.
 *
 * <p>Arguments: journal directory, Bithumb REST base, client order id, instrument key. Keys from the
 * environment like a node's ({@code CANDLEBUS_BITHUMB_ACCESS_KEY}, {@code CANDLEBUS_BITHUMB_SECRET_KEY}).
 */
public final class JournalThenHangMain {
    private JournalThenHangMain() {}

    public static void main(String[] args) throws Exception {
        Path journalDir = Path.of(args[0]);
        String restUrl = args[1];
        String clientOrderId = args[2];
        Instrument instrument = Instrument.parse(args[3]);
        Vertx vertx = Vertx.vertx();
        ApiCredentials keys = new ApiCredentials(
                System.getenv("CANDLEBUS_BITHUMB_ACCESS_KEY"), System.getenv("CANDLEBUS_BITHUMB_SECRET_KEY"));
        VenueOrders bithumb =
                new BithumbOrderClient(WebClient.create(vertx), restUrl, new BithumbJwtSigner(keys, Clock.systemUTC()));
        VenueOrders heldBeforeSend = new VenueOrders() {
            @Override
            public String venue() {
                return bithumb.venue();
            }

            @Override
            public void validate(OrderRequest request) {
                bithumb.validate(request);
            }

            @Override
            public Future<Reply> place(OrderRequest request, long timeoutMillis) {
                // The broker calls this only once the intent is on disk: the window between write and send.
                System.out.println("journaled " + request.clientOrderId());
                System.out.flush();
                return Promise.<Reply>promise().future();
            }

            @Override
            public Future<Reply> lookup(OrderRequest request, long timeoutMillis) {
                return bithumb.lookup(request, timeoutMillis);
            }

            @Override
            public Future<Reply> cancel(OrderRequest request, long timeoutMillis) {
                return bithumb.cancel(request, timeoutMillis);
            }

            @Override
            public Future<List<AssetBalance>> balances(long timeoutMillis) {
                return bithumb.balances(timeoutMillis);
            }
        };
        OrderJournalFile journal = OrderJournalFile.open(journalDir);
        LiveBroker broker = new LiveBroker(
                vertx, new LiveBroker.Settings(10_000, 5_000, 30_000, 500), heldBeforeSend, journal, Clock.systemUTC());
        OrderRequest request = new OrderRequest(
                clientOrderId,
                instrument,
                Side.SELL,
                OrderType.MARKET,
                new BigDecimal("0.001"),
                null,
                "signal before the kill");
        vertx.runOnContext(v -> broker.submit(request));
    }
}
