package com.speeddata.jobs;

import java.util.Objects;

/** Why a job failed, in the same terms as the API's problem details: a stable code and a message for people. */
public record JobError(String code, String message) {
    public JobError {
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
    }
}
