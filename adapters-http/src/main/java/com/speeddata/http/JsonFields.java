package com.speeddata.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.pivot.FieldError;
import com.speeddata.pivot.InvalidRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads typed fields out of a JSON object while collecting every problem with its JSON pointer, so that one
 * response lists all that is wrong with a request rather than the first thing.
 */
public final class JsonFields {
    private final ObjectNode object;
    private final String pointer;
    private final List<FieldError> errors;

    public JsonFields(ObjectNode object, String pointer) {
        this(object, pointer, new ArrayList<>());
    }

    private JsonFields(ObjectNode object, String pointer, List<FieldError> errors) {
        this.object = object;
        this.pointer = pointer;
        this.errors = errors;
    }

    /** The fields of a nested object, sharing this reader's error list; null (with an error) if not an object. */
    public JsonFields nested(String name) {
        JsonNode node = object.get(name);
        if (node instanceof ObjectNode nested) {
            return new JsonFields(nested, at(name), errors);
        }
        error(name, "must be an object");
        return null;
    }

    /** The fields of the object at {@code array[index]}, sharing this reader's errors; null when not an object. */
    public JsonFields element(String arrayName, int index) {
        JsonNode array = object.get(arrayName);
        JsonNode item = array == null ? null : array.get(index);
        if (item instanceof ObjectNode nested) {
            return new JsonFields(nested, at(arrayName) + "/" + index, errors);
        }
        errorAt(escape(arrayName) + "/" + index, "must be an object");
        return null;
    }

    /** An error at a pointer below this object, given already escaped: {@code headlines/3/text}. */
    public void errorAt(String relativePointer, String detail) {
        errors.add(new FieldError(pointer + "/" + relativePointer, detail));
    }

    public void rejectUnknown(Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                error(
                        name,
                        "is not a known field; known fields: "
                                + known.stream().sorted().toList());
            }
        }
    }

    public boolean has(String name) {
        JsonNode node = object.get(name);
        return node != null && !node.isNull();
    }

    public JsonNode node(String name) {
        return object.get(name);
    }

    /** A string field, or null when absent or JSON null; a non-string is an error. */
    public String string(String name) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            error(name, "must be a string");
            return null;
        }
        return node.textValue();
    }

    /** A number field, or null when absent or JSON null; a non-number is an error. */
    public Double number(String name) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            error(name, "must be a number or null");
            return null;
        }
        return node.doubleValue();
    }

    /** A list of strings, or null when absent; anything else is an error. */
    public List<String> strings(String name) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            error(name, "must be an array of strings");
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item.isTextual()) {
                values.add(item.textValue());
            } else {
                error(name + "/" + i, "must be a string");
            }
        }
        return values;
    }

    public String at(String name) {
        return pointer + "/" + escape(name);
    }

    public void error(String name, String detail) {
        errors.add(new FieldError(at(name), detail));
    }

    public void addAll(List<FieldError> more) {
        errors.addAll(more);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    /** RFC 6901 escaping of one pointer segment. */
    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
