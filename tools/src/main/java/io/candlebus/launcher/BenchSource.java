package io.candlebus.launcher;

/**
 * The messages of one bench run, handed out in order. The feed must get each as a fresh byte[], as a websocket hands
 * it a fresh buffer per frame: a generated message is fresh; a message held in memory is copied by the receiver on the
 * feed's event loop, where a websocket reads a frame ({@link #held()}).
 */
interface BenchSource {
    int size();

    /** Returns message {@code i}; callers ask for 0, 1, 2... in order. Not to be changed when {@link #held()}. */
    byte[] frame(int i);

    /** Whether {@link #frame} returns the array held in memory, which the receiver copies before use. */
    default boolean held() {
        return false;
    }

    /** Returns the same messages from the first again. */
    BenchSource again();

    /** Messages held in memory: the held arrays are handed out, each to be copied by its receiver. */
    static BenchSource of(byte[][] messages) {
        return new BenchSource() {
            @Override
            public int size() {
                return messages.length;
            }

            @Override
            public byte[] frame(int i) {
                return messages[i];
            }

            @Override
            public boolean held() {
                return true;
            }

            @Override
            public BenchSource again() {
                return this;
            }
        };
    }

    /**
     * {@code n} generated messages over {@code markets} markets, made as they are handed out (the input of a long
     * run need not sit in the heap).
     */
    static BenchSource generated(int n, int markets) {
        BenchMessages.Generator generator = new BenchMessages.Generator(markets);
        return new BenchSource() {
            private int next;

            @Override
            public int size() {
                return n;
            }

            @Override
            public byte[] frame(int i) {
                if (i != next) {
                    throw new IllegalStateException("bench source: expected message " + next + ", was asked " + i);
                }
                next++;
                return generator.next();
            }

            @Override
            public BenchSource again() {
                return generated(n, markets);
            }
        };
    }
}
