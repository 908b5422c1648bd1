package com.speeddata.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile requests for every route of the route table, from one seed: naughty strings (the Big List of Naughty
 * Strings) in path parameters, query parameters, JSON string fields and headers, values of the wrong type, and
 * structural damage to bodies (truncated, doubled, garbage, empty, the wrong media type).
 */
final class NaughtyRequests {
    /** One request, written out as raw bytes. */
    record Request(String method, String target, List<String> headers, byte[] body, String mutation) {
        byte[] bytes() {
            StringBuilder head = new StringBuilder(method)
                    .append(' ')
                    .append(target)
                    .append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\n");
            headers.forEach(h -> head.append(h).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.writeBytes(body);
            }
            return out.toByteArray();
        }

        /** A curl-free reproducer: the request as text, body cut short. */
        String describe() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + target + " " + headers + " [" + mutation + "] "
                    + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");
    private static final String[] QUERY_NAMES = {
        "start", "end", "cursor", "limit", "ticker", "unscored_by", "status", "tenant", "ticket", "duration"
    };
    private static final String[] HEADER_NAMES = {
        "Content-Type",
        "Accept",
        "If-None-Match",
        "If-Range",
        "Range",
        "Prefer",
        "Idempotency-Key",
        "Authorization",
        "Accept-Encoding",
        "X-Naughty"
    };
    private static final String[] MEDIA_TYPES = {
        "application/json",
        "text/csv",
        "application/octet-stream",
        "application/json; charset=utf-16",
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded"
    };

    private final List<String> naughty;
    private final Map<String, String> validParams;
    private final Map<String, String> templates;
    private final Random random;

    /**
     * @param validParams a value that exists for each path parameter name (channel, job_id, ...)
     * @param templates   a valid JSON body per route ({@code "POST /v1/score"}), the start of each mutation
     */
    NaughtyRequests(long seed, Map<String, String> validParams, Map<String, String> templates) {
        this.naughty = blns();
        this.validParams = Map.copyOf(validParams);
        this.templates = Map.copyOf(templates);
        this.random = new Random(seed);
    }

    int corpusSize() {
        return naughty.size();
    }

    /** A hostile request for one route, {@code "GET /api/v1/pivot/jobs/{job_id}"}. */
    Request next(String route) {
        String method = route.substring(0, route.indexOf(' '));
        String template = route.substring(route.indexOf(' ') + 1);
        List<String> mutations = new ArrayList<>();
        String path = path(template, mutations);
        String query = random.nextInt(3) == 0 ? query(mutations) : "";
        List<String> headers = new ArrayList<>();
        if (random.nextInt(4) == 0) {
            String name = pick(HEADER_NAMES);
            headers.add(name + ": " + headerValue(naughtyString()));
            mutations.add("header " + name);
        }
        byte[] body = null;
        String json = templates.get(route);
        if (json != null || random.nextInt(8) == 0) {
            boolean hasType = headers.stream().anyMatch(h -> h.startsWith("Content-Type:"));
            if (!hasType) {
                String type = random.nextInt(6) == 0 ? pick(MEDIA_TYPES) : "application/json";
                headers.add("Content-Type: " + type);
                if (!type.equals("application/json")) {
                    mutations.add("type " + type);
                }
            }
            body = body(json == null ? "{}" : json, mutations);
        }
        if (random.nextInt(20) == 0) {
            method = pick(new String[] {"PATCH", "OPTIONS", "TRACE", "PUT", "DELETE", "POST", "GET", "HEAD"});
            mutations.add("method " + method);
        }
        return new Request(method, path + query, headers, body, String.join(", ", mutations));
    }

    private String path(String template, List<String> mutations) {
        Matcher matcher = PARAM.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = validParams.getOrDefault(name, "x");
            if (random.nextBoolean()) {
                value = encode(naughtyString());
                mutations.add("path " + name);
            }
            matcher.appendReplacement(path, Matcher.quoteReplacement(value.isEmpty() ? "%20" : value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private String query(List<String> mutations) {
        StringBuilder query = new StringBuilder("?");
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String name = random.nextInt(8) == 0 ? encode(naughtyString()) : pick(QUERY_NAMES);
            String value =
                    switch (random.nextInt(6)) {
                        case 0 -> pick(new String[] {"%", "%%", "%%%", "%zz", "%c3", "%ff%fe", "%00", "+", "&&", "=="});
                        case 1 -> "2025-01-01T00:00:00Z";
                        default -> encode(naughtyString());
                    };
            query.append(i == 0 ? "" : "&").append(name).append('=').append(value);
        }
        mutations.add("query");
        return query.toString();
    }

    private byte[] body(String json, List<String> mutations) {
        switch (random.nextInt(12)) {
            case 0 -> {
                String text = json;
                int cut = text.isEmpty() ? 0 : random.nextInt(text.length());
                mutations.add("truncated at " + cut);
                return text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> {
                mutations.add("doubled");
                return (json + json).getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                byte[] garbage = new byte[random.nextInt(64)];
                random.nextBytes(garbage);
                mutations.add("garbage");
                return garbage;
            }
            case 3 -> {
                String whole = pick(new String[] {
                    "",
                    "null",
                    "[]",
                    "\"x\"",
                    "1e999",
                    "{\"a\": NaN}",
                    "{\"a\":1,\"a\":2}",
                    "[".repeat(5000),
                    "{\"x\": \"\\ud800\"}",
                    "\u0000",
                    "{}"
                });
                mutations.add("whole body " + (whole.length() > 20 ? whole.substring(0, 20) + "..." : whole));
                return whole.getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> {
                String text = naughtyString();
                mutations.add("naughty body");
                return text.getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                JsonNode tree = parse(json);
                int edits = 1 + random.nextInt(3);
                for (int i = 0; i < edits; i++) {
                    mutate(tree, mutations);
                }
                return tree.toString().getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** Replaces one value somewhere in the tree: a naughty string, a value of another type, or removes a field. */
    private void mutate(JsonNode tree, List<String> mutations) {
        List<JsonNode> containers = new ArrayList<>();
        collect(tree, containers);
        JsonNode container = containers.get(random.nextInt(containers.size()));
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty() || random.nextInt(8) == 0) {
                String name = random.nextBoolean() ? naughtyString() : "extra";
                object.set(name, replacement());
                mutations.add("json +field");
                return;
            }
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(6) == 0) {
                object.remove(name);
                mutations.add("json -" + name);
            } else {
                object.set(name, replacement());
                mutations.add("json " + name);
            }
        } else if (container instanceof ArrayNode array) {
            if (array.isEmpty()) {
                array.add(replacement());
            } else {
                array.set(random.nextInt(array.size()), replacement());
            }
            mutations.add("json [i]");
        }
    }

    private JsonNode replacement() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (random.nextInt(10)) {
            case 0 -> nodes.numberNode(pick(new double[] {1e308, -1e308, 1e-300, -1, 0, 1.5, 4.9e-324}));
            case 1 ->
                nodes.numberNode(pick(new long[] {
                    Long.MAX_VALUE, Long.MIN_VALUE, -9_223_372_036_854_775L, 9_223_372_036_854_775_807L / 1000, 0, -1
                }));
            case 2 -> nodes.booleanNode(random.nextBoolean());
            case 3 -> nodes.nullNode();
            case 4 -> nodes.arrayNode().add(nodes.textNode(naughtyString()));
            case 5 -> nodes.objectNode().put(naughtyString(), naughtyString());
            case 6 ->
                nodes.textNode(pick(new String[] {
                    "1677-09-21T00:12:43Z",
                    "2262-04-11T23:47:17Z",
                    "+999999999-12-31T23:59:59Z",
                    "2025-13-01T00:00:00Z",
                    "P99999999999D",
                    "PT-1S",
                    "-PT1S",
                    "P0D",
                    "PT0.0000000001S",
                    "last_century",
                    "*",
                    "../../etc/passwd",
                    "2025-01-01T00:00:00.123456789Z"
                }));
            default -> nodes.textNode(naughtyString());
        };
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                collect(children.next(), containers);
            }
        }
    }

    private String naughtyString() {
        return naughty.get(random.nextInt(naughty.size()));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private double pick(double[] values) {
        return values[random.nextInt(values.length)];
    }

    private long pick(long[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Percent-encodes everything outside RFC 3986's unreserved set, as a client would for a path or query value. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    /** A header value as raw UTF-8 bytes read as Latin-1 (what goes on the wire), without CR or LF. */
    private static String headerValue(String text) {
        String oneLine = text.replace('\r', ' ').replace('\n', ' ');
        return new String(oneLine.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static JsonNode parse(String json) {
        try {
            return TestHttp.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> blns() {
        try (InputStream in = NaughtyRequests.class.getResourceAsStream("/fuzz/blns.json")) {
            List<String> strings = new ArrayList<>();
            TestHttp.JSON.readTree(in).forEach(node -> strings.add(node.asText()));
            return List.copyOf(strings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
