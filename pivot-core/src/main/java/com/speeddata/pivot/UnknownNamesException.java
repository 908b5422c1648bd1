package com.speeddata.pivot;

import java.util.List;

/** Channels or signals that the catalog does not know (HTTP 404). Lists every missing name, not only the first. */
public class UnknownNamesException extends PivotException {
    private final List<String> names;

    public UnknownNamesException(List<String> names) {
        super("unknown channel or signal: " + String.join(", ", names));
        this.names = List.copyOf(names);
    }

    public List<String> names() {
        return names;
    }
}
