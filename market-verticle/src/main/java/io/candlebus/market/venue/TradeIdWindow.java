package io.candlebus.market.venue;

import java.util.Arrays;

/**
 * The trade ids of one market code seen in the last {@code rememberMillis} of trade time (at most {@code
 * maxRemembered} of them), to drop the repeats a venue sends (a SNAPSHOT, a replacement connection's overlap).
 *
 * <p>Written here rather than taken from a collection library because it sits on the path of every trade and a
 * {@code LinkedHashMap<Long, Long>} cost a boxed key, a boxed time and an entry object per trade (15% of the feed's
 * event loop in the bench profile): this is an open-addressing set of primitive longs (linear probing, deletion by
 * backward shift, so no tombstones build up) beside a ring of (id, time) in arrival order, which says what to forget.
 * Forgetting follows arrival order, as the map it replaces did: the oldest arrival goes once it is older than the
 * window before the newest trade's time, or when more than {@code maxRemembered} are held.
 *
 * <p>Used on one event loop only.
 */
final class TradeIdWindow {
    private static final long EMPTY = Long.MIN_VALUE;
    private static final int MIN_CAPACITY = 64;

    private final long rememberMillis;
    private final int maxRemembered;

    /** The set: a power-of-two table, {@link #EMPTY} in a free slot; the id {@code EMPTY} itself is kept apart. */
    private long[] table;

    private boolean holdsEmpty;

    /** The ring, in arrival order: {@code ids[head]} arrived first; {@code size} entries. */
    private long[] ids = new long[MIN_CAPACITY];

    private long[] times = new long[MIN_CAPACITY];
    private int head;
    private int size;

    TradeIdWindow(long rememberMillis, int maxRemembered) {
        if (rememberMillis < 0 || maxRemembered < 1) {
            throw new IllegalArgumentException("rememberMillis >= 0 and maxRemembered >= 1 expected, were "
                    + rememberMillis + " and " + maxRemembered);
        }
        this.rememberMillis = rememberMillis;
        this.maxRemembered = maxRemembered;
        this.table = new long[MIN_CAPACITY * 2];
        Arrays.fill(table, EMPTY);
    }

    /**
     * Remembers {@code id} of a trade at {@code tradeTime}; returns false if it is remembered already (a repeat, which
     * changes nothing). Then forgets the oldest arrivals older than the window before {@code tradeTime}.
     */
    boolean firstSighting(long id, long tradeTime) {
        if (contains(id)) {
            return false;
        }
        insert(id);
        push(id, tradeTime);
        long cutoff = tradeTime - rememberMillis;
        while (size > 0 && (times[head] < cutoff || size > maxRemembered)) {
            delete(ids[head]);
            head = (head + 1) & (ids.length - 1);
            size--;
        }
        return true;
    }

    /** Returns whether {@code id} is remembered. */
    boolean knows(long id) {
        return contains(id);
    }

    /** Returns how many ids are remembered. */
    int size() {
        return size;
    }

    private boolean contains(long id) {
        if (id == EMPTY) {
            return holdsEmpty;
        }
        int mask = table.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            long v = table[i];
            if (v == id) {
                return true;
            }
            if (v == EMPTY) {
                return false;
            }
        }
    }

    private void insert(long id) {
        if (id == EMPTY) {
            holdsEmpty = true;
            return;
        }
        // At most half full, so probes stay short.
        if ((size + 1) * 2 > table.length) {
            rehash(table.length * 2);
        }
        int mask = table.length - 1;
        int i = slot(id, mask);
        while (table[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        table[i] = id;
    }

    private void delete(long id) {
        if (id == EMPTY) {
            holdsEmpty = false;
            return;
        }
        int mask = table.length - 1;
        int i = slot(id, mask);
        while (table[i] != id) {
            i = (i + 1) & mask;
        }
        // Backward shift: move up every later entry of the probe run that may sit at or before the freed slot.
        int free = i;
        for (int j = (free + 1) & mask; table[j] != EMPTY; j = (j + 1) & mask) {
            int home = slot(table[j], mask);
            boolean movable = free <= j ? home <= free || home > j : home <= free && home > j;
            if (movable) {
                table[free] = table[j];
                free = j;
            }
        }
        table[free] = EMPTY;
    }

    private void rehash(int capacity) {
        long[] old = table;
        table = new long[capacity];
        Arrays.fill(table, EMPTY);
        int mask = capacity - 1;
        for (long v : old) {
            if (v != EMPTY) {
                int i = slot(v, mask);
                while (table[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                table[i] = v;
            }
        }
    }

    private void push(long id, long time) {
        if (size == ids.length) {
            long[] grownIds = new long[ids.length * 2];
            long[] grownTimes = new long[ids.length * 2];
            for (int k = 0; k < size; k++) {
                grownIds[k] = ids[(head + k) & (ids.length - 1)];
                grownTimes[k] = times[(head + k) & (ids.length - 1)];
            }
            ids = grownIds;
            times = grownTimes;
            head = 0;
        }
        int tail = (head + size) & (ids.length - 1);
        ids[tail] = id;
        times[tail] = time;
        size++;
    }

    private static int slot(long id, int mask) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
