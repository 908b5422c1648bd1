package com.speeddata.pivot;

/** Root of every failure the pivot domain reports on purpose. Adapters map subclasses to responses. */
public abstract class PivotException extends RuntimeException {
    protected PivotException(String message) {
        super(message);
    }

    protected PivotException(String message, Throwable cause) {
        super(message, cause);
    }
}
