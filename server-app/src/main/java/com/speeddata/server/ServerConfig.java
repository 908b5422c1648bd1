package com.speeddata.server;

import com.speeddata.jobs.access.Tiers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every run setting, read once from the environment and validated as a whole: a bad value stops the start
 * with a message naming the variable. The only place that reads environment variables. The settings themselves
 * (name, default, parser, description, log form) are the rows of {@link Settings}; this class reads them and
 * gives each a typed accessor.
 */
public final class ServerConfig {

    public static final int DEFAULT_PORT = 8000;
    public static final String DEFAULT_DATA_DIR = "./data";
    public static final long DEFAULT_SYNC_MAX_BYTES = 10_000_000L;
    public static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_EXPORT_MAX_BYTES = 50_000_000_000L;
    public static final int DEFAULT_JOB_QUEUE_CAPACITY = 1000;
    /** Inline exports running at once; more explicit {@code sync} exports get 503, more {@code auto} ones queue. */
    public static final int DEFAULT_SYNC_MAX_CONCURRENT = 4;
    /** The sum of the estimates of the inline exports running at once. */
    public static final long DEFAULT_SYNC_MAX_INFLIGHT_BYTES = 1_000_000_000L;
    /** Most the result directory may hold: twice the largest export by default. */
    public static final long DEFAULT_RESULT_DIR_MAX_BYTES = 100_000_000_000L;
    /** Free space kept on the result directory's filesystem (which by default also holds the embedded database). */
    public static final long DEFAULT_RESULT_DIR_MIN_FREE_BYTES = 1_000_000_000L;

    public static final Duration DEFAULT_RESULT_TTL = Duration.ofHours(24);
    public static final long DEFAULT_INGEST_MAX_BYTES = 64L << 20;
    public static final int DEFAULT_JOB_WORKERS = 2;
    /** A worker that stops renewing for this long is taken for dead and its job runs elsewhere. */
    public static final Duration DEFAULT_JOB_LEASE = Duration.ofSeconds(30);
    /** A running job silent this long (no progress report) is taken for stuck and run again. */
    public static final Duration DEFAULT_JOB_STALL_TIMEOUT = Duration.ofMinutes(10);

    public static final Duration JOB_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration JOB_PROGRESS_THROTTLE = Duration.ofMillis(500);
    public static final int JOB_MAX_ATTEMPTS = 3;
    public static final Duration JOB_RETRY_BACKOFF = Duration.ofSeconds(5);
    public static final int DEFAULT_SCORE_SYNC_MAX_HEADLINES = 10;
    public static final int DEFAULT_RESCORE_MAX_EVENTS = 1000;
    /**
     * Single-user mode's export requests a second (twice that in a burst); 0, the default, turns the limit off: one
     * user on a laptop has nobody to be protected from. Multi-user mode uses the tiers' rates instead.
     */
    public static final int DEFAULT_EXPORT_RATE_LIMIT = 0;

    static final int MAX_EXPORT_RATE_LIMIT = 1_000_000;

    /** Single-user mode listens only on loopback: nobody else on the network can reach an unkeyed server. */
    public static final String SINGLE_USER_BIND_ADDRESS = "127.0.0.1";

    public static final String MULTI_USER_BIND_ADDRESS = "0.0.0.0";

    public enum AuthMode {
        SINGLE,
        MULTI
    }

    /** Setting name → parsed value (null for an unset optional setting). */
    private final Map<String, Object> values;

    private ServerConfig(Map<String, Object> values) {
        this.values = values;
    }

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        Map<String, Object> values = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            read(setting, env, values, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ServerConfig(Collections.unmodifiableMap(values));
    }

    /** Parses one setting's variable, or its default; a bad value adds a problem naming the variable. */
    private static void read(
            Setting<?> setting, Map<String, String> env, Map<String, Object> values, List<String> problems) {
        String text = env.get(setting.name());
        text = text == null || text.isBlank() ? setting.fallback().get() : text.trim();
        if (text == null) {
            values.put(setting.name(), null);
            return;
        }
        try {
            values.put(setting.name(), setting.parser().apply(text));
        } catch (RuntimeException e) {
            problems.add(setting.name() + "='" + text + "': " + (e.getMessage() == null ? "invalid" : e.getMessage()));
        }
    }

    /** The effective settings for the start-up log, in the table's order, with the database password masked. */
    public Map<String, Object> describe() {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            settings.put(setting.name(), shown(setting));
        }
        return settings;
    }

    private <T> Object shown(Setting<T> setting) {
        return setting.shown().apply(get(setting), this);
    }

    @SuppressWarnings("unchecked") // each value is what its own setting's parser returned
    private <T> T get(Setting<T> setting) {
        return (T) values.get(setting.name());
    }

    static String maskPassword(String url) {
        return com.speeddata.storage.DatabaseUrl.mask(url);
    }

    /** True when the server listens on loopback only. */
    public boolean loopbackOnly() {
        return com.speeddata.http.access.AccessSettings.isLoopback(bindAddress());
    }

    public int port() {
        return get(Settings.PORT);
    }

    public Path dataDir() {
        return get(Settings.DATA_DIR);
    }

    /** Null: the embedded H2 database under {@link #dataDir}. */
    public String databaseUrl() {
        return get(Settings.DATABASE_URL);
    }

    public long syncMaxBytes() {
        return get(Settings.SYNC_MAX_BYTES);
    }

    public Duration syncTimeout() {
        return get(Settings.SYNC_TIMEOUT);
    }

    public long exportMaxBytes() {
        return get(Settings.EXPORT_MAX_BYTES);
    }

    public int syncMaxConcurrent() {
        return get(Settings.SYNC_MAX_CONCURRENT);
    }

    public long syncMaxInflightBytes() {
        return get(Settings.SYNC_MAX_INFLIGHT_BYTES);
    }

    public long resultDirMaxBytes() {
        return get(Settings.RESULT_DIR_MAX_BYTES);
    }

    public long resultDirMinFreeBytes() {
        return get(Settings.RESULT_DIR_MIN_FREE_BYTES);
    }

    public int jobQueueCapacity() {
        return get(Settings.JOB_QUEUE_CAPACITY);
    }

    public Duration resultTtl() {
        return get(Settings.RESULT_TTL);
    }

    /** Null: the bundled models only. */
    public Path modelsDir() {
        return get(Settings.MODELS_DIR);
    }

    public AuthMode authMode() {
        return get(Settings.AUTH_MODE);
    }

    /** BIND_ADDRESS, or by default loopback in single-user mode and every interface in multi-user mode. */
    public String bindAddress() {
        String address = get(Settings.BIND_ADDRESS);
        if (address != null) {
            return address;
        }
        return authMode() == AuthMode.MULTI ? MULTI_USER_BIND_ADDRESS : SINGLE_USER_BIND_ADDRESS;
    }

    /** Null: {@code http://<bindAddress>:<port>}. */
    public URI publicUrl() {
        return get(Settings.PUBLIC_URL);
    }

    /** Null when no TIERS_FILE is set. */
    public Path tiersFile() {
        Settings.TiersFromFile tiers = get(Settings.TIERS_FILE);
        return tiers == null ? null : tiers.file();
    }

    /** The tiers of TIERS_FILE, or the contract's defaults. */
    public Tiers tiers() {
        Settings.TiersFromFile tiers = get(Settings.TIERS_FILE);
        return tiers == null ? Tiers.defaults() : tiers.tiers();
    }

    public long ingestMaxBytes() {
        return get(Settings.INGEST_MAX_BYTES);
    }

    public int jobWorkers() {
        return get(Settings.JOB_WORKERS);
    }

    public Duration jobLease() {
        return get(Settings.JOB_LEASE);
    }

    public Duration jobStallTimeout() {
        return get(Settings.JOB_STALL_TIMEOUT);
    }

    public String instanceId() {
        return get(Settings.INSTANCE_ID);
    }

    public int scoreSyncMaxHeadlines() {
        return get(Settings.SCORE_SYNC_MAX_HEADLINES);
    }

    public int rescoreMaxEvents() {
        return get(Settings.RESCORE_MAX_EVENTS);
    }

    public int exportRateLimit() {
        return get(Settings.EXPORT_RATE_LIMIT);
    }

    @Override
    public String toString() {
        return "ServerConfig" + describe();
    }
}
