package com.speeddata.pivot.catalog;

/** Identifies one signal of one channel; printed as {@code channel/signal}, the column name in exports. */
public record SignalKey(String channel, String signal) implements Comparable<SignalKey> {
    public SignalKey {
        Names.require(channel, "channel");
        Names.require(signal, "signal");
    }

    public String path() {
        return channel + "/" + signal;
    }

    @Override
    public int compareTo(SignalKey other) {
        int byChannel = channel.compareTo(other.channel);
        return byChannel != 0 ? byChannel : signal.compareTo(other.signal);
    }

    @Override
    public String toString() {
        return path();
    }
}
