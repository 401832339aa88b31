package io.candlebus.launcher;

/** The messages of one bench run, handed out in order, each as a fresh byte[] (a websocket frame is one). */
interface BenchSource {
    int size();

    /** Returns message {@code i}; callers ask for 0, 1, 2... in order. */
    byte[] frame(int i);

    /** Returns the same messages from the first again. */
    BenchSource again();

    /** Messages held in memory: a copy of each is handed out. */
    static BenchSource of(byte[][] messages) {
        return new BenchSource() {
            @Override
            public int size() {
                return messages.length;
            }

            @Override
            public byte[] frame(int i) {
                return messages[i].clone();
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
