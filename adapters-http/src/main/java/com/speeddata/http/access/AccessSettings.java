package com.speeddata.http.access;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * How the server meets callers: with or without keys, which {@code Host} names it answers to in single-user mode,
 * and the public base URL every absolute URL it hands out starts with (never taken from a request's headers).
 *
 * @param configuredPublicUrl {@code PUBLIC_URL}, or null for {@code http://<bind address>:<port>}
 * @param bindAddress         the address the server listens on; its literal form is an allowed host too
 * @param port                the port actually bound (known only after start when 0 was asked for)
 */
public record AccessSettings(boolean multiUser, URI configuredPublicUrl, String bindAddress, IntSupplier port) {
    /** Names that always reach this machine's loopback interface; a DNS-rebinding page cannot use them. */
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    public AccessSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(port, "port");
        if (configuredPublicUrl != null
                && (configuredPublicUrl.getHost() == null
                        || !Set.of("http", "https").contains(configuredPublicUrl.getScheme()))) {
            throw new IllegalArgumentException(
                    "the public URL must be http(s)://host[:port], not " + configuredPublicUrl);
        }
    }

    /** An address that only this machine reaches. */
    public static boolean isLoopback(String address) {
        return LOOPBACK.contains(address.toLowerCase(Locale.ROOT)) || address.equals("::1");
    }

    public static boolean isWildcard(String address) {
        return address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]");
    }

    /** The base of every absolute URL handed out, without a trailing slash. */
    public String publicUrl() {
        if (configuredPublicUrl != null) {
            String url = configuredPublicUrl.toString();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        String host = isWildcard(bindAddress)
                ? "localhost"
                : bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
        return "http://" + host + ":" + port.getAsInt();
    }

    /** True when a request naming this host (port stripped, any case) may be served in single-user mode. */
    public boolean allowsHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return LOOPBACK.contains(name)
                || name.endsWith(".localhost")
                || name.equals(URI.create(publicUrl()).getHost().toLowerCase(Locale.ROOT))
                || (!isWildcard(bindAddress) && name.equals(bindAddress.toLowerCase(Locale.ROOT)));
    }

    /** An absolute WebSocket URL on this service for {@code path}: {@code ws://} or {@code wss://} as the public URL. */
    public String websocketUrl(String path) {
        return publicUrl().replaceFirst("^http", "ws") + path;
    }
}
