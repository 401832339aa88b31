package io.candlebus.launcher;

/** A line of a kline dump file is not what the Binance data-dump layout says; the message names the line. */
final class BadDumpException extends Exception {
    private static final long serialVersionUID = 1L;

    BadDumpException(String file, long line, String detail) {
        super(file + ":" + line + ": " + detail);
    }
}
