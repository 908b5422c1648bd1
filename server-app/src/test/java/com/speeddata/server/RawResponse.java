package com.speeddata.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;

/** An HTTP/1.1 response read off a socket (Content-Length or close-delimited bodies), as the JDK client's type. */
record RawResponse(int statusCode, HttpHeaders headers, byte[] body) implements HttpResponse<byte[]> {
    static RawResponse parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("not an HTTP response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
        List<String> length = headers.get("content-length");
        if (length != null) {
            body = Arrays.copyOf(body, Integer.parseInt(length.get(0)));
        }
        if (headers.containsKey("transfer-encoding")
                && headers.get("transfer-encoding")
                        .get(0)
                        .toLowerCase(Locale.ROOT)
                        .contains("chunked")) {
            throw new AssertionError("chunked responses are not read here");
        }
        return new RawResponse(status, HttpHeaders.of(headers, (a, b) -> true), body);
    }

    @Override
    public HttpRequest request() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        throw new UnsupportedOperationException();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
