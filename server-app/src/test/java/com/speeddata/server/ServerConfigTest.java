package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void an_empty_environment_gives_the_contract_defaults() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());
        assertEquals(8000, config.port());
        assertEquals(Path.of("./data"), config.dataDir());
        assertNull(config.databaseUrl());
        assertEquals(10_000_000L, config.syncMaxBytes());
        assertEquals(Duration.ofSeconds(30), config.syncTimeout());
        assertEquals(50_000_000_000L, config.exportMaxBytes());
        assertEquals(1000, config.jobQueueCapacity());
        assertEquals(Duration.ofHours(24), config.resultTtl());
        assertNull(config.modelsDir());
        assertEquals(ServerConfig.AuthMode.SINGLE, config.authMode());
        assertEquals(Duration.ofMinutes(10), config.jobStallTimeout());
        assertEquals(0, config.exportRateLimit(), "no rate limit for one user on a laptop");
    }

    @Test
    void every_bad_value_is_named_in_one_message() {
        ConfigException failure = assertThrows(
                ConfigException.class,
                () -> ServerConfig.fromEnvironment(
                        Map.of("PORT", "70000", "SYNC_TIMEOUT", "30s", "SYNC_MAX_BYTES", "-1", "AUTH_MODE", "open")));
        String message = failure.getMessage();
        assertTrue(message.contains("PORT='70000'"), message);
        assertTrue(message.contains("SYNC_TIMEOUT='30s'"), message);
        assertTrue(message.contains("SYNC_MAX_BYTES='-1'"), message);
        assertTrue(message.contains("AUTH_MODE='open'"), message);
    }

    @Test
    void the_bounds_on_inline_exports_and_the_result_directory_have_defaults_and_refuse_bad_values() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());
        assertEquals(4, config.syncMaxConcurrent());
        assertEquals(1_000_000_000L, config.syncMaxInflightBytes());
        assertEquals(100_000_000_000L, config.resultDirMaxBytes());
        assertEquals(1_000_000_000L, config.resultDirMinFreeBytes());
        assertEquals(
                0,
                ServerConfig.fromEnvironment(Map.of("RESULT_DIR_MIN_FREE_BYTES", "0"))
                        .resultDirMinFreeBytes());
        String message = assertThrows(
                        ConfigException.class,
                        () -> ServerConfig.fromEnvironment(Map.of(
                                "SYNC_MAX_CONCURRENT",
                                "0",
                                "SYNC_MAX_INFLIGHT_BYTES",
                                "-5",
                                "RESULT_DIR_MAX_BYTES",
                                "lots",
                                "RESULT_DIR_MIN_FREE_BYTES",
                                "-1")))
                .getMessage();
        for (String name : new String[] {
            "SYNC_MAX_CONCURRENT='0'",
            "SYNC_MAX_INFLIGHT_BYTES='-5'",
            "RESULT_DIR_MAX_BYTES='lots'",
            "RESULT_DIR_MIN_FREE_BYTES='-1'"
        }) {
            assertTrue(message.contains(name), message);
        }
        assertTrue(config.describe().containsKey("RESULT_DIR_MAX_BYTES"), "logged at start");
    }

    @Test
    void single_user_mode_listens_on_loopback_and_multi_user_mode_everywhere_by_default() {
        assertEquals("127.0.0.1", ServerConfig.fromEnvironment(Map.of()).bindAddress());
        ServerConfig multi = ServerConfig.fromEnvironment(Map.of("AUTH_MODE", "multi"));
        assertEquals(ServerConfig.AuthMode.MULTI, multi.authMode());
        assertEquals("0.0.0.0", multi.bindAddress());
        assertEquals(
                "::1",
                ServerConfig.fromEnvironment(Map.of("BIND_ADDRESS", "::1")).bindAddress());
    }

    @Test
    void public_url_must_be_a_plain_http_url() {
        assertEquals(
                "https://speed.example.com",
                ServerConfig.fromEnvironment(Map.of("PUBLIC_URL", "https://speed.example.com"))
                        .publicUrl()
                        .toString());
        for (String bad : new String[] {
            "speed.example.com", "ftp://x", "http://user:pw@x", "http://x/?q=1", "http://x/#f", "http://"
        }) {
            assertThrows(ConfigException.class, () -> ServerConfig.fromEnvironment(Map.of("PUBLIC_URL", bad)), bad);
        }
        assertThrows(ConfigException.class, () -> ServerConfig.fromEnvironment(Map.of("BIND_ADDRESS", "a b")));
    }

    @Test
    void the_logged_settings_never_show_the_database_password() {
        String logged = ServerConfig.fromEnvironment(Map.of("DATABASE_URL", "postgres://app:s3cret@db:5432/speed"))
                .describe()
                .toString();
        assertFalse(logged.contains("s3cret"), logged);
        assertTrue(logged.contains("postgres://app:****@db:5432/speed"), logged);
        assertFalse(ServerConfig.maskPassword("jdbc:postgresql://db/speed?user=app&password=s3cret")
                .contains("s3cret"));
    }

    @Test
    void the_logged_settings_hide_a_password_with_a_raw_at_sign_and_one_in_a_jdbc_url() {
        for (String url : new String[] {
            "postgres://app:p@ss@db:5432/speed",
            "jdbc:postgresql://app:s3cret@db/speed",
            "jdbc:postgresql://db/speed?user=app;password=s3cret"
        }) {
            String logged = ServerConfig.fromEnvironment(Map.of("DATABASE_URL", url))
                    .describe()
                    .toString();
            assertFalse(logged.contains("s3cret") || logged.contains("ss@"), logged);
        }
    }
}
