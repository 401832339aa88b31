package io.candlebus.strategy;

/**
 * Holds one Bollinger band reading: the middle (simple moving average), the population standard
 * deviation and the bands {@code k} deviations above and below the middle.
 */
public record BandValue(double middle, double standardDeviation, double upper, double lower) {

    /** Returns (close - lower) / (upper - lower), or 0.5 when the bands have no width. */
    public double percentB(double close) {
        double width = upper - lower;
        return width > 0 ? (close - lower) / width : 0.5;
    }

    /** Returns (upper - lower) / middle, or 0 when the middle is 0. */
    public double bandwidth() {
        return middle != 0 ? (upper - lower) / middle : 0;
    }
}
