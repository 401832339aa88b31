package io.candlebus.order.paper;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code order.paper}: the paper account and how it fills. JSON form, every key optional:
 *
 * <pre>{@code
 * {"balances": {"binance:spot": {"USDT": "10000"}, "bithumb:spot": {"KRW": "10000000"}},
 *  "fees": {"binance:spot": {"maker": "0.001", "taker": "0.001"}},
 *  "slippageBps": 5, "leverage": 1, "marketWaitMillis": 5000}
 * }</pre>
 *
 * @param balances starting balances per venue market ({@code binance:spot}, {@code binance:usdm}, {@code
 *     binance:coinm}, {@code bithumb:spot}) and asset; a venue market given replaces its default whole
 * @param fees maker and taker fee rates per venue market; defaults are the venues' standard (base tier)
 *     rates: Binance spot 0.1 %/0.1 %, USDT-M and COIN-M 0.02 %/0.05 %, Bithumb 0.25 %/0.25 % (the rate its
 *     {@code /v1/orders/chance} reports without coupons, as the simulator charges)
 * @param slippageBps how far beyond the next observed price a MARKET order fills, in basis points (default 5)
 * @param leverage futures initial margin = notional / leverage (default 1)
 * @param marketWaitMillis how long a MARKET order waits for the next observed price before it is REJECTED
 *     (default 5000: below the HTTP server's 10 s wait for an answer, so a caller of POST /orders sees the
 *     rejection)
 */
public record PaperSettings(
        Map<String, Map<String, BigDecimal>> balances,
        Map<String, Fees> fees,
        BigDecimal slippageBps,
        BigDecimal leverage,
        long marketWaitMillis) {

    /** The venue markets a paper account exists for. */
    public static final Set<String> VENUES = Set.of("binance:spot", "binance:usdm", "binance:coinm", "bithumb:spot");

    private static final Set<String> KEYS = Set.of("balances", "fees", "slippageBps", "leverage", "marketWaitMillis");

    public PaperSettings {
        Map<String, Map<String, BigDecimal>> b = new TreeMap<>();
        balances.forEach((venue, assets) -> b.put(venue, Map.copyOf(assets)));
        balances = Map.copyOf(b);
        fees = Map.copyOf(fees);
        if (slippageBps.signum() < 0 || slippageBps.compareTo(new BigDecimal("1000")) > 0) {
            throw new ConfigException("slippageBps", "a decimal from 0 to 1000", slippageBps.toPlainString());
        }
        if (leverage.compareTo(BigDecimal.ONE) < 0 || leverage.compareTo(new BigDecimal("125")) > 0) {
            throw new ConfigException("leverage", "a decimal from 1 to 125", leverage.toPlainString());
        }
        if (marketWaitMillis < 0 || marketWaitMillis > 3_600_000) {
            throw new ConfigException("marketWaitMillis", "an integer from 0 to 3600000", marketWaitMillis);
        }
    }

    /** Returns the defaults: 10,000 USDT on spot and USDT-M, 0.1 BTC on COIN-M, 10,000,000 KRW on Bithumb. */
    public static PaperSettings defaults() {
        return new PaperSettings(
                Map.of(
                        "binance:spot", Map.of("USDT", new BigDecimal("10000")),
                        "binance:usdm", Map.of("USDT", new BigDecimal("10000")),
                        "binance:coinm", Map.of("BTC", new BigDecimal("0.1")),
                        "bithumb:spot", Map.of("KRW", new BigDecimal("10000000"))),
                Map.of(
                        "binance:spot", new Fees(new BigDecimal("0.001"), new BigDecimal("0.001")),
                        "binance:usdm", new Fees(new BigDecimal("0.0002"), new BigDecimal("0.0005")),
                        "binance:coinm", new Fees(new BigDecimal("0.0002"), new BigDecimal("0.0005")),
                        "bithumb:spot", new Fees(new BigDecimal("0.0025"), new BigDecimal("0.0025"))),
                new BigDecimal("5"),
                BigDecimal.ONE,
                5_000);
    }

    /** Returns the fees of {@code venue} ({@code exchange:market}). */
    public Fees feesOf(String venue) {
        return fees.getOrDefault(venue, new Fees(BigDecimal.ZERO, BigDecimal.ZERO));
    }

    /** Returns these settings with {@code bps} slippage. */
    public PaperSettings withSlippageBps(BigDecimal bps) {
        return new PaperSettings(balances, fees, bps, leverage, marketWaitMillis);
    }

    /** Reads {@code json} at {@code path} (e.g. {@code order.paper}) over the defaults; throws naming the field. */
    public static PaperSettings fromJson(Object value, String path) {
        PaperSettings d = defaults();
        if (value == null) {
            return d;
        }
        if (!(value instanceof JsonObject json)) {
            throw ConfigReader.invalid(path, "an object", value);
        }
        ConfigReader r = new ConfigReader(json, path, KEYS);
        Map<String, Map<String, BigDecimal>> balances = new TreeMap<>(d.balances());
        JsonObject b = object(json.getValue("balances"), path + ".balances");
        ConfigReader.requireKnownKeys(b, path + ".balances", VENUES);
        for (String venue : b.fieldNames()) {
            JsonObject assets = object(b.getValue(venue), path + ".balances." + venue);
            Map<String, BigDecimal> amounts = new TreeMap<>();
            for (String asset : assets.fieldNames()) {
                String field = path + ".balances." + venue + "." + asset;
                if (!asset.matches("[A-Z0-9]{1,20}")) {
                    throw new ConfigException(field, "an upper-case asset name such as USDT", asset);
                }
                amounts.put(asset, decimal(assets.getValue(asset), field, false));
            }
            balances.put(venue, amounts);
        }
        Map<String, Fees> fees = new TreeMap<>(d.fees());
        JsonObject f = object(json.getValue("fees"), path + ".fees");
        ConfigReader.requireKnownKeys(f, path + ".fees", VENUES);
        for (String venue : f.fieldNames()) {
            String field = path + ".fees." + venue;
            JsonObject rates = object(f.getValue(venue), field);
            ConfigReader.requireKnownKeys(rates, field, Set.of("maker", "taker"));
            Fees before = fees.get(venue);
            BigDecimal maker = rates.containsKey("maker")
                    ? decimal(rates.getValue("maker"), field + ".maker", false)
                    : before.maker();
            BigDecimal taker = rates.containsKey("taker")
                    ? decimal(rates.getValue("taker"), field + ".taker", false)
                    : before.taker();
            if (maker.compareTo(BigDecimal.ONE) >= 0 || taker.compareTo(BigDecimal.ONE) >= 0) {
                throw new ConfigException(field, "fee rates below 1 (0.001 = 0.1 %)", rates.encode());
            }
            fees.put(venue, new Fees(maker, taker));
        }
        BigDecimal slippage = json.containsKey("slippageBps")
                ? decimal(json.getValue("slippageBps"), path + ".slippageBps", false)
                : d.slippageBps();
        BigDecimal leverage = json.containsKey("leverage")
                ? decimal(json.getValue("leverage"), path + ".leverage", true)
                : d.leverage();
        long wait = r.longValue("marketWaitMillis", d.marketWaitMillis(), 0, 3_600_000);
        try {
            return new PaperSettings(balances, fees, slippage, leverage, wait);
        } catch (ConfigException e) {
            throw new ConfigException(path + "." + e.getMessage());
        }
    }

    private static JsonObject object(Object value, String path) {
        if (value == null) {
            return new JsonObject();
        }
        if (!(value instanceof JsonObject o)) {
            throw ConfigReader.invalid(path, "an object", value);
        }
        return o;
    }

    private static BigDecimal decimal(Object value, String path, boolean positive) {
        if (value instanceof String || value instanceof Number) {
            try {
                BigDecimal d = new BigDecimal(value.toString());
                if (d.signum() > 0 || (!positive && d.signum() == 0)) {
                    if (d.precision() <= 30 && Math.abs(d.scale()) <= 18) {
                        return d;
                    }
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
        }
        throw new ConfigException(
                path, positive ? "a decimal > 0 such as \"1\"" : "a decimal >= 0 such as \"0.001\"", value);
    }
}
