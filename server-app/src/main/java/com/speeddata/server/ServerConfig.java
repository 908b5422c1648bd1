package com.speeddata.server;

import com.speeddata.jobs.access.Tiers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every run setting, read once from the environment and validated as a whole: a bad value stops the start
 * with a message naming the variable. The only place that reads environment variables.
 */
public record ServerConfig(
        int port,
        Path dataDir,
        String databaseUrl,
        long syncMaxBytes,
        Duration syncTimeout,
        long exportMaxBytes,
        int jobQueueCapacity,
        Duration resultTtl,
        Path modelsDir,
        AuthMode authMode,
        long ingestMaxBytes,
        int jobWorkers,
        Duration jobLease,
        String instanceId,
        int scoreSyncMaxHeadlines,
        int rescoreMaxEvents,
        int exportRateLimit,
        Duration jobStallTimeout,
        String bindAddress,
        URI publicUrl,
        Path tiersFile,
        Tiers tiers,
        int syncMaxConcurrent,
        long syncMaxInflightBytes,
        long resultDirMaxBytes,
        long resultDirMinFreeBytes) {

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

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        Reader reader = new Reader(env);
        Integer port = reader.read("PORT", Integer.toString(DEFAULT_PORT), ServerConfig::port0to65535);
        Path dataDir = reader.read("DATA_DIR", DEFAULT_DATA_DIR, Path::of);
        String databaseUrl = reader.optional("DATABASE_URL");
        Long syncMaxBytes =
                reader.read("SYNC_MAX_BYTES", Long.toString(DEFAULT_SYNC_MAX_BYTES), ServerConfig::nonNegativeLong);
        Duration syncTimeout =
                reader.read("SYNC_TIMEOUT", DEFAULT_SYNC_TIMEOUT.toString(), ServerConfig::positiveDuration);
        Long exportMaxBytes =
                reader.read("EXPORT_MAX_BYTES", Long.toString(DEFAULT_EXPORT_MAX_BYTES), ServerConfig::positiveLong);
        Integer jobQueueCapacity = reader.read(
                "JOB_QUEUE_CAPACITY",
                Integer.toString(DEFAULT_JOB_QUEUE_CAPACITY),
                text -> Math.toIntExact(positiveLong(text)));
        Duration resultTtl = reader.read("RESULT_TTL", DEFAULT_RESULT_TTL.toString(), ServerConfig::positiveDuration);
        Path modelsDir = reader.read("MODELS_DIR", null, Path::of);
        AuthMode authMode = reader.read("AUTH_MODE", "single", ServerConfig::authMode);
        Long ingestMaxBytes =
                reader.read("INGEST_MAX_BYTES", Long.toString(DEFAULT_INGEST_MAX_BYTES), ServerConfig::positiveLong);
        Integer jobWorkers = reader.read(
                "JOB_WORKERS", Integer.toString(DEFAULT_JOB_WORKERS), text -> Math.toIntExact(positiveLong(text)));
        Duration jobLease = reader.read("JOB_LEASE", DEFAULT_JOB_LEASE.toString(), ServerConfig::positiveDuration);
        String instanceId = reader.read("INSTANCE_ID", defaultInstanceId(), text -> text);
        Integer scoreSyncMax = reader.read(
                "SCORE_SYNC_MAX_HEADLINES",
                Integer.toString(DEFAULT_SCORE_SYNC_MAX_HEADLINES),
                text -> Math.toIntExact(positiveLong(text)));
        Integer rescoreMax = reader.read(
                "RESCORE_MAX_EVENTS",
                Integer.toString(DEFAULT_RESCORE_MAX_EVENTS),
                text -> Math.toIntExact(positiveLong(text)));
        Integer exportRateLimit = reader.read(
                "EXPORT_RATE_LIMIT",
                Integer.toString(DEFAULT_EXPORT_RATE_LIMIT),
                text -> atMost(MAX_EXPORT_RATE_LIMIT, nonNegativeLong(text)));
        Duration jobStallTimeout =
                reader.read("JOB_STALL_TIMEOUT", DEFAULT_JOB_STALL_TIMEOUT.toString(), ServerConfig::positiveDuration);
        String bindAddress = reader.read(
                "BIND_ADDRESS",
                authMode == AuthMode.MULTI ? MULTI_USER_BIND_ADDRESS : SINGLE_USER_BIND_ADDRESS,
                ServerConfig::address);
        URI publicUrl = reader.read("PUBLIC_URL", null, ServerConfig::publicUrl);
        Path tiersFile = reader.read("TIERS_FILE", null, Path::of);
        Tiers tiers = reader.read("TIERS_FILE", null, TiersFile::read);
        tiers = tiers == null ? Tiers.defaults() : tiers;
        Integer syncMaxConcurrent = reader.read(
                "SYNC_MAX_CONCURRENT",
                Integer.toString(DEFAULT_SYNC_MAX_CONCURRENT),
                text -> Math.toIntExact(positiveLong(text)));
        Long syncMaxInflightBytes = reader.read(
                "SYNC_MAX_INFLIGHT_BYTES", Long.toString(DEFAULT_SYNC_MAX_INFLIGHT_BYTES), ServerConfig::positiveLong);
        Long resultDirMaxBytes = reader.read(
                "RESULT_DIR_MAX_BYTES", Long.toString(DEFAULT_RESULT_DIR_MAX_BYTES), ServerConfig::positiveLong);
        Long resultDirMinFreeBytes = reader.read(
                "RESULT_DIR_MIN_FREE_BYTES",
                Long.toString(DEFAULT_RESULT_DIR_MIN_FREE_BYTES),
                ServerConfig::nonNegativeLong);
        reader.throwIfInvalid();
        return new ServerConfig(
                port,
                dataDir,
                databaseUrl,
                syncMaxBytes,
                syncTimeout,
                exportMaxBytes,
                jobQueueCapacity,
                resultTtl,
                modelsDir,
                authMode,
                ingestMaxBytes,
                jobWorkers,
                jobLease,
                instanceId,
                scoreSyncMax,
                rescoreMax,
                exportRateLimit,
                jobStallTimeout,
                bindAddress,
                publicUrl,
                tiersFile,
                tiers,
                syncMaxConcurrent,
                syncMaxInflightBytes,
                resultDirMaxBytes,
                resultDirMinFreeBytes);
    }

    /** The effective settings for the start-up log, with the database password masked. */
    public Map<String, Object> describe() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("PORT", port);
        settings.put("DATA_DIR", dataDir.toAbsolutePath().normalize());
        settings.put("DATABASE_URL", databaseUrl == null ? "(embedded H2 under DATA_DIR)" : maskPassword(databaseUrl));
        settings.put("SYNC_MAX_BYTES", syncMaxBytes);
        settings.put("SYNC_TIMEOUT", syncTimeout);
        settings.put("EXPORT_MAX_BYTES", exportMaxBytes);
        settings.put("SYNC_MAX_CONCURRENT", syncMaxConcurrent);
        settings.put("SYNC_MAX_INFLIGHT_BYTES", syncMaxInflightBytes);
        settings.put("RESULT_DIR_MAX_BYTES", resultDirMaxBytes);
        settings.put("RESULT_DIR_MIN_FREE_BYTES", resultDirMinFreeBytes);
        settings.put("JOB_QUEUE_CAPACITY", jobQueueCapacity);
        settings.put("RESULT_TTL", resultTtl);
        settings.put("MODELS_DIR", modelsDir == null ? "(bundled models only)" : modelsDir);
        settings.put("AUTH_MODE", authMode.name().toLowerCase(Locale.ROOT));
        settings.put("INGEST_MAX_BYTES", ingestMaxBytes);
        settings.put("JOB_WORKERS", jobWorkers);
        settings.put("JOB_LEASE", jobLease);
        settings.put("INSTANCE_ID", instanceId);
        settings.put("SCORE_SYNC_MAX_HEADLINES", scoreSyncMaxHeadlines);
        settings.put("RESCORE_MAX_EVENTS", rescoreMaxEvents);
        settings.put("JOB_STALL_TIMEOUT", jobStallTimeout);
        settings.put(
                "EXPORT_RATE_LIMIT",
                authMode == AuthMode.MULTI
                        ? "(multi-user mode: the tiers' rates)"
                        : exportRateLimit == 0 ? "(off)" : exportRateLimit + " a second");
        settings.put("BIND_ADDRESS", bindAddress);
        settings.put("PUBLIC_URL", publicUrl == null ? "(http://<BIND_ADDRESS>:<PORT>)" : publicUrl);
        settings.put("TIERS_FILE", (tiersFile == null ? "(none)" : tiersFile) + ", tiers " + tiers.names());
        return settings;
    }

    /** Host name and process id: unique among the instances sharing one job table. */
    private static String defaultInstanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    static String maskPassword(String url) {
        return com.speeddata.storage.DatabaseUrl.mask(url);
    }

    private static AuthMode authMode(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "single" -> AuthMode.SINGLE;
            case "multi" -> AuthMode.MULTI;
            default -> throw new IllegalArgumentException("must be 'single' or 'multi'");
        };
    }

    /** A literal IP address or a host name to listen on; resolved when the server binds. */
    private static String address(String text) {
        if (!text.matches("[0-9A-Za-z.:\\[\\]-]{1,253}")) {
            throw new IllegalArgumentException("must be an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0");
        }
        return text;
    }

    private static URI publicUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null
                || uri.getQuery() != null
                || uri.getFragment() != null
                || uri.getUserInfo() != null) {
            throw new IllegalArgumentException(
                    "must be http(s)://host[:port][/path], e.g. https://speeddata.example.com");
        }
        return uri;
    }

    /** True when the server listens on loopback only. */
    public boolean loopbackOnly() {
        return com.speeddata.http.access.AccessSettings.isLoopback(bindAddress);
    }

    private static int port0to65535(String text) {
        int port = Integer.parseInt(text);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("must be 0..65535");
        }
        return port;
    }

    private static int atMost(int most, long value) {
        if (value > most) {
            throw new IllegalArgumentException("must be at most " + most);
        }
        return (int) value;
    }

    private static long nonNegativeLong(String text) {
        long value = Long.parseLong(text);
        if (value < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        return value;
    }

    private static long positiveLong(String text) {
        long value = Long.parseLong(text);
        if (value <= 0) {
            throw new IllegalArgumentException("must be positive");
        }
        return value;
    }

    private static Duration positiveDuration(String text) {
        Duration value = Duration.parse(text);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("must be a positive ISO 8601 duration such as PT30S");
        }
        return value;
    }

    /** Reads variables, collecting every problem instead of stopping at the first. */
    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        String optional(String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        }

        <T> T read(String name, String fallback, Function<String, T> parse) {
            String text = optional(name);
            if (text == null) {
                text = fallback;
            }
            if (text == null) {
                return null;
            }
            try {
                return parse.apply(text);
            } catch (RuntimeException e) {
                problems.add(name + "='" + text + "': " + (e.getMessage() == null ? "invalid" : e.getMessage()));
                return null;
            }
        }

        void throwIfInvalid() {
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
    }
}
