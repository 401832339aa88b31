package io.candlebus.market;

/**
 * Which share of a venue market's followed codes one feed verticle carries: part {@code index} of {@code count}
 * ({@code market.feedConnections}). A venue market spread over several parts runs one feed verticle per part, each
 * with its own websocket on its own event loop, its own feed id ({@code bithumb.spot#1}), heartbeat component
 * ({@code market.bithumb#1}) and lease; the whole of it (one part) keeps the plain names.
 */
public record FeedPart(int index, int count) {
    /** The one part of a venue market that is not spread. */
    public static final FeedPart WHOLE = new FeedPart(0, 1);

    public FeedPart {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException(
                    "feed part: expected 0 <= index < count and count >= 1, was " + index + " of " + count);
        }
    }

    /** Returns what the part adds to the names of its venue market: nothing for the whole, else {@code #<index>}. */
    public String suffix() {
        return count == 1 ? "" : "#" + index;
    }

    /** Returns this part's share of a venue limit of {@code perSecond}, at least 1, so the parts together keep it. */
    public int share(int perSecond) {
        return Math.max(1, perSecond / count);
    }
}
