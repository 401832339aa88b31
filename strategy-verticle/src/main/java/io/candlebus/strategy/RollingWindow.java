package io.candlebus.strategy;

import java.util.NoSuchElementException;

/** Holds the last {@code capacity} values of a series in a ring buffer, oldest first. */
public final class RollingWindow {
    private final double[] values;
    private int start;
    private int size;

    /** Creates an empty window holding at most {@code capacity} values. */
    public RollingWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: expected >= 1, was " + capacity);
        }
        this.values = new double[capacity];
    }

    /**
     * Appends a value, evicting the oldest one when the window is full.
     *
     * @return the evicted value, or NaN if nothing was evicted
     */
    public double add(double value) {
        if (size < values.length) {
            values[(start + size) % values.length] = value;
            size++;
            return Double.NaN;
        }
        double evicted = values[start];
        values[start] = value;
        start = (start + 1) % values.length;
        return evicted;
    }

    /** Returns the value at {@code index}, 0 being the oldest. */
    public double get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index: expected 0.." + (size - 1) + ", was " + index);
        }
        return values[(start + index) % values.length];
    }

    /** Returns the oldest value. */
    public double oldest() {
        requireNonEmpty();
        return values[start];
    }

    /** Returns the newest value. */
    public double newest() {
        requireNonEmpty();
        return values[(start + size - 1) % values.length];
    }

    /** Returns how many values the window holds. */
    public int size() {
        return size;
    }

    /** Returns the most values the window holds. */
    public int capacity() {
        return values.length;
    }

    /** Returns whether the window holds {@code capacity} values. */
    public boolean isFull() {
        return size == values.length;
    }

    private void requireNonEmpty() {
        if (size == 0) {
            throw new NoSuchElementException("the window is empty");
        }
    }
}
