package io.candlebus.order;

import java.math.BigDecimal;

/** What an account holds of one asset: {@code free} can be spent, {@code locked} is held by open orders. */
public record AssetBalance(String asset, BigDecimal free, BigDecimal locked) {}
