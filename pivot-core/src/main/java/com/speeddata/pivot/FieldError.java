package com.speeddata.pivot;

import java.util.Objects;

/** One validation failure: a JSON pointer into the request (e.g. {@code /time_range/start}) and what is wrong there. */
public record FieldError(String pointer, String detail) {
    public FieldError {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(detail, "detail");
    }
}
