package com.speeddata.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.pivot.FieldError;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.JsonPointer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one rule for text a client sends (JSON strings and member names, query parameters): no NUL, no other C0
 * control character but tab, line feed and carriage return, and no unpaired UTF-16 surrogate. None of them means
 * anything in a name, unit, description, headline or ticker, and PostgreSQL cannot store a NUL at all, so both
 * stores refuse the same text with the same 400 before anything is stored.
 */
public final class ControlCharacters {
    private static final int MAX_REPORTED = 20;

    private ControlCharacters() {}

    /** Why the text cannot be accepted, or null when it can. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return "contains the control character U+" + String.format("%04X", (int) c) + " at position " + i
                        + "; text may not hold NUL or control characters other than tab and line breaks";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate at position " + i + ", which is not a character";
            }
        }
        return null;
    }

    /** Throws the 400 listing every string and member name of the JSON value that breaks the rule. */
    public static void check(JsonNode root) {
        List<FieldError> errors = new ArrayList<>();
        collect(root, "", errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private static void collect(JsonNode node, String pointer, List<FieldError> errors) {
        if (errors.size() >= MAX_REPORTED) {
            return;
        }
        if (node.isTextual()) {
            String problem = problem(node.textValue());
            if (problem != null) {
                errors.add(new FieldError(pointer, problem));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, errors);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields =
                            node.properties().iterator();
                    fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = JsonPointer.append(pointer, field.getKey());
                String problem = problem(field.getKey());
                if (problem != null) {
                    errors.add(new FieldError(at, "the member name " + problem));
                }
                collect(field.getValue(), at, errors);
            }
        }
    }
}
