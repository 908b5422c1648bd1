package com.speeddata.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An RFC 9457 problem details body, with the contract's stable {@code code}, field errors and suggestion. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String code,
        List<FieldErrorView> errors,
        Map<String, Object> suggestion) {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://speeddata.dev/problems/";

    public Problem {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(code, "code");
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        suggestion = suggestion == null || suggestion.isEmpty() ? null : Map.copyOf(suggestion);
    }

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem(typeFor(code), title, status, detail, code, null, null);
    }

    public Problem withErrors(List<FieldErrorView> fieldErrors) {
        return new Problem(type, title, status, detail, code, fieldErrors, suggestion);
    }

    public Problem withSuggestion(Map<String, Object> hint) {
        return new Problem(type, title, status, detail, code, errors, hint);
    }

    /** A stable, documented URI per code: {@code INVALID_REQUEST} → {@code .../problems/invalid-request}. */
    static String typeFor(String code) {
        return TYPE_BASE + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public record FieldErrorView(String pointer, String detail) {}
}
