package com.speeddata.pivot.export;

import java.util.List;

/** Which signals of one channel an export takes: all of them ({@code "*"} or not named) or the named ones. */
public sealed interface SignalSelection {

    record All() implements SignalSelection {}

    record Named(List<String> signals) implements SignalSelection {
        public Named {
            signals = List.copyOf(signals);
            if (signals.isEmpty()) {
                throw new IllegalArgumentException("a named selection needs at least one signal");
            }
        }
    }

    SignalSelection ALL = new All();
}
