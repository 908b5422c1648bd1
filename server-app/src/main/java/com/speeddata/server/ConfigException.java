package com.speeddata.server;

import java.util.List;

/** The environment holds settings the service cannot start with; the message names every bad variable. */
public final class ConfigException extends RuntimeException {
    public ConfigException(List<String> problems) {
        super("invalid settings:\n  " + String.join("\n  ", problems));
    }
}
