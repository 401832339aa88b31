package io.candlebus.contract.codec;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Carries an immutable record over the event bus: the same instance locally (no copy, records are
 * immutable), length-prefixed Jackson JSON bytes between cluster nodes.
 */
public final class JsonRecordCodec<T extends Record> implements MessageCodec<T, T> {
    private final Class<T> type;

    public JsonRecordCodec(Class<T> type) {
        this.type = type;
    }

    /** Returns the record type this codec carries. */
    public Class<T> type() {
        return type;
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
        byte[] json = ContractJson.toBytes(value);
        buffer.appendInt(json.length).appendBytes(json);
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        byte[] json = buffer.getBytes(pos + 4, pos + 4 + length);
        return ContractJson.fromBytes(json, 0, length, type);
    }

    @Override
    public T transform(T value) {
        return value;
    }

    @Override
    public String name() {
        return "candlebus." + type.getSimpleName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
