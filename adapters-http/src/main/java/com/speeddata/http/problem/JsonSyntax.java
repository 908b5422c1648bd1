package com.speeddata.http.problem;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Locale;

/**
 * Says in the API's own words what is wrong with a JSON body that the parser refused. The parser's messages name
 * its classes and options ("enable JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS"), which mean nothing to a client and
 * are not ours to promise, so none of its text is passed on: only the kind of fault and where it is.
 */
final class JsonSyntax {
    private JsonSyntax() {}

    static String describe(JacksonException failure) {
        return "the body is not valid JSON: " + what(failure) + where(failure.getLocation());
    }

    private static String what(JacksonException failure) {
        String message = String.valueOf(failure.getOriginalMessage()).toLowerCase(Locale.ROOT);
        if (failure instanceof StreamConstraintsException) {
            if (message.contains("nesting depth")) {
                return "arrays and objects nest too deeply";
            }
            if (message.contains("number")) {
                return "a number has too many digits";
            }
            return "a value is too long";
        }
        if (failure instanceof InputCoercionException) {
            return "a number is out of range";
        }
        if (message.contains("trailing token")) {
            return "more follows the JSON value; send exactly one JSON value";
        }
        // Tested on phrases with a space only: a token the client sent ("Unrecognized token 'nanny'") has none.
        if (message.contains("non-standard token")) {
            return "NaN and Infinity are not JSON numbers (send null for a missing value)";
        }
        if (message.contains("unexpected end-of-input") || message.contains("no content")) {
            return "the body ends before its JSON value does";
        }
        if (message.contains("control character") || message.contains("illegal unquoted character")) {
            return "a string holds an unescaped control character";
        }
        if (message.contains("invalid utf-8") || message.contains("invalid utf8")) {
            return "the body is not UTF-8";
        }
        if (failure instanceof MismatchedInputException) {
            return "a value has the wrong type";
        }
        return "unexpected character or token";
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
