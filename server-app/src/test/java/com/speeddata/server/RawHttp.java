package com.speeddata.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Requests written byte for byte on a plain socket, so that a malformed request reaches the server as malformed (an
 * HTTP client would refuse to send it, or repair it).
 */
final class RawHttp {
    private RawHttp() {}

    /** One answer: status, headers as sent (lower-cased names), body. */
    record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0
                        && line.substring(0, colon)
                                .trim()
                                .toLowerCase(Locale.ROOT)
                                .equals(name.toLowerCase(Locale.ROOT))) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** Sends the bytes, optionally half-closes (the client is done sending), and reads until the server closes. */
    static Answer send(int port, byte[] request, boolean halfClose) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            return parse(readAnswer(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Answer send(int port, String request) {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    /** Reads one answer: up to the end of its Content-Length body, or to the end of the stream. */
    static byte[] readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                if (complete(out.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no complete answer within the timeout; got: " + out, e);
        }
        return out.toByteArray();
    }

    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        Answer head = new Answer(0, text.substring(0, end), "");
        String length = head.header("Content-Length");
        return length != null && text.length() - end - 4 >= Integer.parseInt(length);
    }

    static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new AssertionError("not an HTTP answer: " + text);
        }
        return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
    }
}
