package com.speeddata.server;

import static com.speeddata.server.ServerConfig.DEFAULT_DATA_DIR;
import static com.speeddata.server.ServerConfig.DEFAULT_EXPORT_MAX_BYTES;
import static com.speeddata.server.ServerConfig.DEFAULT_EXPORT_RATE_LIMIT;
import static com.speeddata.server.ServerConfig.DEFAULT_INGEST_MAX_BYTES;
import static com.speeddata.server.ServerConfig.DEFAULT_JOB_LEASE;
import static com.speeddata.server.ServerConfig.DEFAULT_JOB_QUEUE_CAPACITY;
import static com.speeddata.server.ServerConfig.DEFAULT_JOB_STALL_TIMEOUT;
import static com.speeddata.server.ServerConfig.DEFAULT_JOB_WORKERS;
import static com.speeddata.server.ServerConfig.DEFAULT_PORT;
import static com.speeddata.server.ServerConfig.DEFAULT_RESCORE_MAX_EVENTS;
import static com.speeddata.server.ServerConfig.DEFAULT_RESULT_DIR_MAX_BYTES;
import static com.speeddata.server.ServerConfig.DEFAULT_RESULT_DIR_MIN_FREE_BYTES;
import static com.speeddata.server.ServerConfig.DEFAULT_RESULT_TTL;
import static com.speeddata.server.ServerConfig.DEFAULT_SCORE_SYNC_MAX_HEADLINES;
import static com.speeddata.server.ServerConfig.DEFAULT_SYNC_MAX_BYTES;
import static com.speeddata.server.ServerConfig.DEFAULT_SYNC_MAX_CONCURRENT;
import static com.speeddata.server.ServerConfig.DEFAULT_SYNC_MAX_INFLIGHT_BYTES;
import static com.speeddata.server.ServerConfig.DEFAULT_SYNC_TIMEOUT;
import static com.speeddata.server.ServerConfig.MAX_EXPORT_RATE_LIMIT;
import static com.speeddata.server.ServerConfig.MULTI_USER_BIND_ADDRESS;
import static com.speeddata.server.ServerConfig.SINGLE_USER_BIND_ADDRESS;

import com.speeddata.jobs.access.Tiers;
import com.speeddata.server.ServerConfig.AuthMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The settings table: every environment variable the server reads, in the order of README.md's settings table
 * ({@code SettingsReadmeTest} fails when the two differ). To add a setting: a row here, a default constant and an
 * accessor in {@link ServerConfig}, then the README row the test prints.
 */
final class Settings {

    /** A tiers file and the tiers read from it. */
    record TiersFromFile(Path file, Tiers tiers) {}

    static final Setting<Integer> PORT =
            Setting.of("PORT", DEFAULT_PORT, SettingParsers::port, "HTTP port (0 = pick a free one and log it)");
    static final Setting<Path> DATA_DIR = Setting.of(
                    "DATA_DIR",
                    DEFAULT_DATA_DIR,
                    Path::of,
                    "embedded database and export files (a shared directory when several instances run)")
            .shownAs((dir, config) -> dir.toAbsolutePath().normalize());
    static final Setting<String> DATABASE_URL = Setting.of(
                    "DATABASE_URL",
                    null,
                    text -> text,
                    "`jdbc:postgresql://…` or `postgres://user:pass@host:port/db`: PostgreSQL holds everything; "
                            + "unset = embedded H2 under `DATA_DIR`")
            .shownAs((url, config) -> url == null ? "(embedded H2 under DATA_DIR)" : ServerConfig.maskPassword(url));
    static final Setting<Long> SYNC_MAX_BYTES = Setting.of(
            "SYNC_MAX_BYTES",
            DEFAULT_SYNC_MAX_BYTES,
            SettingParsers::nonNegativeLong,
            "`auto` answers inline at or under this estimated output size");
    static final Setting<Duration> SYNC_TIMEOUT = Setting.of(
            "SYNC_TIMEOUT",
            DEFAULT_SYNC_TIMEOUT,
            SettingParsers::positiveDuration,
            "longest inline export; past it `sync` gets 408 and `auto` continues as a job (202). An inline "
                    + "export the measured throughput puts under half of it streams instead (first bytes at once, no "
                    + "temporary file) and runs to its end");
    static final Setting<Long> EXPORT_MAX_BYTES = Setting.of(
            "EXPORT_MAX_BYTES", DEFAULT_EXPORT_MAX_BYTES, SettingParsers::positiveLong, "larger estimates get 413");
    static final Setting<Integer> SYNC_MAX_CONCURRENT = Setting.of(
            "SYNC_MAX_CONCURRENT",
            DEFAULT_SYNC_MAX_CONCURRENT,
            SettingParsers::positiveInt,
            "inline exports running at once (this instance); beyond it an explicit `sync` export gets 503 "
                    + "`EXPORTS_BUSY` with `Retry-After`, an `auto` one is queued as a job (202)");
    static final Setting<Long> SYNC_MAX_INFLIGHT_BYTES = Setting.of(
            "SYNC_MAX_INFLIGHT_BYTES",
            DEFAULT_SYNC_MAX_INFLIGHT_BYTES,
            SettingParsers::positiveLong,
            "the sum of the estimates of the inline exports running at once; beyond it as above, and a "
                    + "`sync` export estimated over it alone gets 413 `SYNC_EXPORT_TOO_LARGE` (suggestion "
                    + "`{\"execution\": \"async\"}`)");
    static final Setting<Long> RESULT_DIR_MAX_BYTES = Setting.of(
            "RESULT_DIR_MAX_BYTES",
            DEFAULT_RESULT_DIR_MAX_BYTES,
            SettingParsers::positiveLong,
            "most the result directory (`DATA_DIR/exports`) may hold, files being written counted at their "
                    + "estimate; an export that would pass it gets 507 `INSUFFICIENT_STORAGE`");
    static final Setting<Long> RESULT_DIR_MIN_FREE_BYTES = Setting.of(
            "RESULT_DIR_MIN_FREE_BYTES",
            DEFAULT_RESULT_DIR_MIN_FREE_BYTES,
            SettingParsers::nonNegativeLong,
            "free space kept on the result directory's filesystem (also the embedded database's, by "
                    + "default): an export whose estimate would leave less gets 507 `INSUFFICIENT_STORAGE` before it "
                    + "starts");
    static final Setting<Integer> JOB_QUEUE_CAPACITY = Setting.of(
            "JOB_QUEUE_CAPACITY",
            DEFAULT_JOB_QUEUE_CAPACITY,
            SettingParsers::positiveInt,
            "queued jobs beyond this get 503 with `Retry-After`");
    static final Setting<Duration> RESULT_TTL = Setting.of(
            "RESULT_TTL",
            DEFAULT_RESULT_TTL,
            SettingParsers::positiveDuration,
            "how long a finished export can be downloaded; then its file is deleted and the job shows `expired`");
    static final Setting<Path> MODELS_DIR = Setting.of(
                    "MODELS_DIR", null, Path::of, "extra scoring model artifacts, loaded beside the bundled ones")
            .shownAs((dir, config) -> dir == null ? "(bundled models only)" : dir);
    static final Setting<AuthMode> AUTH_MODE = Setting.of(
                    "AUTH_MODE",
                    "single",
                    SettingParsers::authMode,
                    "`single`: one user, no keys, tenant `local`; `multi`: every `/api`, `/v1` and `/metrics` "
                            + "request needs an API key (`Authorization: Bearer`), tenants and tiers apply — see "
                            + "[docs/operations.md](docs/operations.md#multi-user-mode)")
            .shownAs((mode, config) -> mode.name().toLowerCase(Locale.ROOT));
    /** Unset stays null here: the default depends on AUTH_MODE ({@link ServerConfig#bindAddress}). */
    static final Setting<String> BIND_ADDRESS = Setting.of(
                    "BIND_ADDRESS",
                    null,
                    SettingParsers::address,
                    "the address the HTTP server listens on; single mode on a non-loopback address logs a warning")
            .documentedAs(
                    "`" + SINGLE_USER_BIND_ADDRESS + "` in single mode, `" + MULTI_USER_BIND_ADDRESS + "` in multi")
            .shownAs((address, config) -> config.bindAddress());

    static final Setting<URI> PUBLIC_URL = Setting.of(
                    "PUBLIC_URL",
                    null,
                    SettingParsers::publicUrl,
                    "base of every absolute URL handed out (`websocket_url`), never taken from the request's `Host`;"
                            + " in single mode its host is also accepted in `Host` headers")
            .documentedAs("`http://<BIND_ADDRESS>:<PORT>`")
            .shownAs((url, config) -> url == null ? "(http://<BIND_ADDRESS>:<PORT>)" : url);
    static final Setting<TiersFromFile> TIERS_FILE = Setting.of(
                    "TIERS_FILE",
                    null,
                    text -> new TiersFromFile(Path.of(text), TiersFile.read(text)),
                    "JSON file of tier limits; unset = the contract's `pro` and `pro_plus` "
                            + "([docs/operations.md](docs/operations.md#tiers))")
            .shownAs((tiers, config) -> (tiers == null ? "(none)" : tiers.file()) + ", tiers "
                    + config.tiers().names());
    static final Setting<Long> INGEST_MAX_BYTES = Setting.of(
            "INGEST_MAX_BYTES",
            DEFAULT_INGEST_MAX_BYTES,
            SettingParsers::positiveLong,
            "largest sample upload body (64 MiB); larger bodies get 413 — split them");
    static final Setting<Integer> JOB_WORKERS = Setting.of(
            "JOB_WORKERS", DEFAULT_JOB_WORKERS, SettingParsers::positiveInt, "export jobs this instance runs at once");
    static final Setting<Duration> JOB_LEASE = Setting.of(
            "JOB_LEASE",
            DEFAULT_JOB_LEASE,
            SettingParsers::positiveDuration,
            "a worker silent this long is taken for dead; its job is run again elsewhere");
    static final Setting<Duration> JOB_STALL_TIMEOUT = Setting.of(
            "JOB_STALL_TIMEOUT",
            DEFAULT_JOB_STALL_TIMEOUT,
            SettingParsers::positiveDuration,
            "a running job that reports no progress this long is taken for stuck: interrupted and run again "
                    + "(or failed, `JOB_STALLED`)");
    static final Setting<String> INSTANCE_ID = Setting.of(
                    "INSTANCE_ID", null, text -> text, "names this instance's workers in the job table")
            .defaultFrom(Settings::hostAndPid, "host name and pid");
    static final Setting<Integer> SCORE_SYNC_MAX_HEADLINES = Setting.of(
            "SCORE_SYNC_MAX_HEADLINES",
            DEFAULT_SCORE_SYNC_MAX_HEADLINES,
            SettingParsers::positiveInt,
            "most headlines `POST /v1/score` takes; more get 413 pointing to `/v1/score/batch`");
    static final Setting<Integer> RESCORE_MAX_EVENTS = Setting.of(
            "RESCORE_MAX_EVENTS",
            DEFAULT_RESCORE_MAX_EVENTS,
            SettingParsers::positiveInt,
            "most events one synchronous `POST /v1/score/rescore` takes");
    static final Setting<Integer> EXPORT_RATE_LIMIT = Setting.of(
                    "EXPORT_RATE_LIMIT",
                    DEFAULT_EXPORT_RATE_LIMIT,
                    text -> SettingParsers.atMost(MAX_EXPORT_RATE_LIMIT, text),
                    "single-user mode: export requests a second (twice that in a burst), counted across instances "
                            + "sharing a PostgreSQL; beyond it 429 `RATE_LIMITED` with `Retry-After` (multi-user mode "
                            + "uses each tier's rates instead)")
            .documentedAs("`" + DEFAULT_EXPORT_RATE_LIMIT + "` (off)")
            .shownAs((rate, config) -> config.authMode() == AuthMode.MULTI
                    ? "(multi-user mode: the tiers' rates)"
                    : rate == 0 ? "(off)" : rate + " a second");

    /** Every setting, in the README's order (also the start log's). */
    static final List<Setting<?>> ALL = List.of(
            PORT,
            DATA_DIR,
            DATABASE_URL,
            SYNC_MAX_BYTES,
            SYNC_TIMEOUT,
            EXPORT_MAX_BYTES,
            SYNC_MAX_CONCURRENT,
            SYNC_MAX_INFLIGHT_BYTES,
            RESULT_DIR_MAX_BYTES,
            RESULT_DIR_MIN_FREE_BYTES,
            JOB_QUEUE_CAPACITY,
            RESULT_TTL,
            MODELS_DIR,
            AUTH_MODE,
            BIND_ADDRESS,
            PUBLIC_URL,
            TIERS_FILE,
            INGEST_MAX_BYTES,
            JOB_WORKERS,
            JOB_LEASE,
            JOB_STALL_TIMEOUT,
            INSTANCE_ID,
            SCORE_SYNC_MAX_HEADLINES,
            RESCORE_MAX_EVENTS,
            EXPORT_RATE_LIMIT);

    private Settings() {}

    /** Host name and process id: unique among the instances sharing one job table. */
    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
