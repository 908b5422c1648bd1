package com.speeddata.pivot;

import java.util.List;

/** The request is well-formed enough to read but asks for something invalid (HTTP 400). */
public class InvalidRequestException extends PivotException {
    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(summary(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid request needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String pointer, String detail) {
        this(List.of(new FieldError(pointer, detail)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        return errors.size() == 1 ? errors.get(0).detail() : errors.size() + " fields are invalid";
    }
}
