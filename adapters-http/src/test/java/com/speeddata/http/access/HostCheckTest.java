package com.speeddata.http.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HostCheckTest {
    private final AccessSettings loopback = new AccessSettings(false, null, "127.0.0.1", () -> 8000);
    private final AccessSettings published =
            new AccessSettings(false, URI.create("https://Speed.Example.org/x/"), "0.0.0.0", () -> 8000);

    @Test
    void host_names_lose_their_port() {
        assertEquals("[::1]", HostCheck.hostName("[::1]:8000"));
        assertEquals("Example.com", HostCheck.hostName("Example.com:80"));
        assertEquals("localhost", HostCheck.hostName(" localhost "));
    }

    @Test
    void loopback_names_and_the_public_host_pass_others_do_not() {
        for (String host : new String[] {"localhost", "LocalHost", "127.0.0.1", "[::1]", "app.localhost"}) {
            assertTrue(loopback.allowsHost(host), host);
        }
        for (String host :
                new String[] {"evil.example", "127.0.0.1.nip.io", "localhost.evil.example", "0.0.0.0", "127.0.0.2", ""
                }) {
            assertFalse(loopback.allowsHost(host), host);
        }
        assertTrue(published.allowsHost("speed.example.org"));
        assertFalse(published.allowsHost("0.0.0.0"), "a wildcard bind address is no host name");
    }

    @Test
    void public_url_defaults_to_the_bound_address_and_drives_websocket_urls() {
        assertEquals("http://127.0.0.1:8000", loopback.publicUrl());
        assertEquals(
                "ws://127.0.0.1:8000/api/v1/pivot/jobs/1/stream", loopback.websocketUrl("/api/v1/pivot/jobs/1/stream"));
        assertEquals("wss://Speed.Example.org/x/s", published.websocketUrl("/s"));
        assertEquals("http://[::1]:9", new AccessSettings(false, null, "::1", () -> 9).publicUrl());
        assertEquals("http://localhost:9", new AccessSettings(true, null, "0.0.0.0", () -> 9).publicUrl());
    }
}
