package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SymbolListsTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsBinanceExchangeInfoWhateverTheStatus() throws Exception {
        String body = "{\"timezone\":\"UTC\",\"serverTime\":1767225600000,\"rateLimits\":[],"
                + "\"symbols\":[{\"symbol\":\"BTCUSDT\",\"status\":\"TRADING\",\"filters\":[]},"
                + "{\"symbol\":\"LUNAUSDT\",\"status\":\"BREAK\"},"
                + "{\"symbol\":\"BTCUSD_PERP\",\"contractStatus\":\"TRADING\",\"contractSize\":100}]}";
        assertThat(SymbolLists.binanceExchangeInfo(bytes(body)))
                .containsExactlyInAnyOrder("BTCUSDT", "LUNAUSDT", "BTCUSD_PERP");
    }

    @Test
    void readsBithumbMarkets() throws Exception {
        String body = "[{\"market\":\"KRW-BTC\",\"korean_name\":\"비트코인\",\"english_name\":\"Bitcoin\"},"
                + "{\"market\":\"BTC-ETH\",\"korean_name\":\"이더리움\",\"english_name\":\"Ethereum\",\"market_warning\":\"NONE\"}]";
        assertThat(SymbolLists.bithumbMarkets(bytes(body))).containsExactlyInAnyOrder("KRW-BTC", "BTC-ETH");
    }

    @Test
    void aBodyOfAnotherShapeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> SymbolLists.binanceExchangeInfo(bytes("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("exchangeInfo.symbols");
        assertThatThrownBy(() -> SymbolLists.binanceExchangeInfo(bytes("{\"symbols\":[{\"status\":\"TRADING\"}]}")))
                .hasMessageContaining("exchangeInfo.symbols[0].symbol");
        assertThatThrownBy(() -> SymbolLists.bithumbMarkets(bytes("{\"error\":{\"name\":400}}")))
                .hasMessageContaining("market/all");
    }
}
