package com.speeddata.server;

import com.speeddata.export.ExportJobHandler;
import com.speeddata.export.ExportService;
import com.speeddata.export.ExportSettings;
import com.speeddata.http.HttpServer;
import com.speeddata.http.MetricsRoutes;
import com.speeddata.http.access.AccessSettings;
import com.speeddata.http.access.Authentication;
import com.speeddata.http.access.CallLimits;
import com.speeddata.http.access.TenantRateLimit;
import com.speeddata.http.catalog.CatalogRoutes;
import com.speeddata.http.export.ExportRoutes;
import com.speeddata.http.ingest.IngestRoutes;
import com.speeddata.http.jobs.JobStream;
import com.speeddata.http.jobs.PivotJobRoutes;
import com.speeddata.http.scoring.BatchRoutes;
import com.speeddata.http.scoring.EventRoutes;
import com.speeddata.http.scoring.ScoreBatchHandler;
import com.speeddata.http.scoring.ScoreRoutes;
import com.speeddata.http.web.SessionRoutes;
import com.speeddata.http.web.WebAssets;
import com.speeddata.http.web.WebSessions;
import com.speeddata.jobs.EngineSettings;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobWakeup;
import com.speeddata.jobs.LocalWakeup;
import com.speeddata.jobs.access.ApiKeys;
import com.speeddata.jobs.access.RatePolicy;
import com.speeddata.jobs.access.Tenants;
import com.speeddata.pivot.catalog.SignalStores;
import com.speeddata.pivot.export.ExportPivot;
import com.speeddata.scoring.events.EventStore;
import com.speeddata.scoring.model.ModelRegistry;
import com.speeddata.scoring.usecase.RescoreEvents;
import com.speeddata.scoring.usecase.ScoreBatch;
import com.speeddata.scoring.usecase.ScoreHeadlines;
import com.speeddata.storage.Database;
import com.speeddata.storage.Dialect;
import com.speeddata.storage.access.JdbcApiKeyStore;
import com.speeddata.storage.access.SharedRateLimits;
import com.speeddata.storage.events.JdbcEventStore;
import com.speeddata.storage.export.CsvExportSink;
import com.speeddata.storage.export.Hdf5ExportSink;
import com.speeddata.storage.files.FileResultStore;
import com.speeddata.storage.jobs.JdbcJobStore;
import com.speeddata.storage.jobs.PostgresWakeup;
import com.speeddata.storage.pivot.JdbcSignalStores;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the adapters to the cores and runs the HTTP server and the job engine: the whole service. */
public final class Application implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Application.class);
    /** Events a scoring batch reads, scores and saves per transaction. */
    private static final int BATCH_PAGE_SIZE = 1000;

    /** Closed in reverse order of opening: HTTP first, the database last. */
    private final List<AutoCloseable> resources = new ArrayList<>();

    private final SignalStores signals;
    private final ExportPivot pivot;
    private final HttpServer http;
    private final AccessSettings access;

    private Application(ServerConfig config, Clock clock) {
        Database database = open(Database.open(config.databaseUrl(), config.dataDir()));
        this.signals = new JdbcSignalStores(database.dataSource());
        this.pivot = new ExportPivot(
                signals, clock, List.of(new Hdf5ExportSink(clock), new CsvExportSink()), config.exportMaxBytes());
        FileResultStore results = new FileResultStore(
                config.dataDir().resolve("exports"), config.resultDirMaxBytes(), config.resultDirMinFreeBytes());
        JobWakeup wakeup = database.dialect() == Dialect.POSTGRESQL ? new PostgresWakeup(database) : new LocalWakeup();
        ModelRegistry models =
                config.modelsDir() == null ? ModelRegistry.bundled() : ModelRegistry.load(config.modelsDir());
        EventStore events = new JdbcEventStore(database);
        ScoreHeadlines scorer = new ScoreHeadlines(models, config.scoreSyncMaxHeadlines());
        ScoreBatch batches = new ScoreBatch(events, clock, BATCH_PAGE_SIZE);
        boolean multiUser = config.authMode() == ServerConfig.AuthMode.MULTI;
        JobEngine engine = open(new JobEngine(
                new JdbcJobStore(database, multiUser ? JdbcJobStore.ClaimOrder.FAIR : JdbcJobStore.ClaimOrder.IN_ORDER),
                results,
                List.of(new ExportJobHandler(pivot, results), new ScoreBatchHandler(batches, models, results)),
                wakeup,
                clock,
                engineSettings(config)));
        this.access = new AccessSettings(multiUser, config.publicUrl(), config.bindAddress(), this::port);
        ApiKeys keys =
                multiUser ? new ApiKeys(new JdbcApiKeyStore(database.dataSource()), config.tiers(), clock) : null;
        WebSessions sessions = new WebSessions(
                keys,
                clock,
                config.publicUrl() != null && "https".equals(config.publicUrl().getScheme()));
        Authentication authentication = new Authentication(keys, sessions, clock);
        CallLimits limits = new CallLimits(
                new TenantRateLimit(SharedRateLimits.of(database), clock),
                config.exportRateLimit() == 0
                        ? null
                        : new RatePolicy("export", config.exportRateLimit(), 2 * config.exportRateLimit()));
        ExportService exportService = open(new ExportService(
                pivot,
                new ExportSettings(
                        config.syncMaxBytes(),
                        config.syncTimeout(),
                        config.exportMaxBytes(),
                        config.syncMaxConcurrent(),
                        config.syncMaxInflightBytes()),
                engine,
                results,
                clock));
        ExportRoutes exports = new ExportRoutes(exportService, access, limits, clock);
        JobStream stream =
                open(new JobStream(engine, caller -> !caller.limited() || keys == null || keys.usable(caller.keyId())));
        this.http = open(new HttpServer(
                List.of(
                        new CatalogRoutes(signals)::register,
                        new IngestRoutes(
                                signals,
                                config.ingestMaxBytes(),
                                config.dataDir().resolve("ingest-spool"))::register,
                        exports::register,
                        new PivotJobRoutes(engine, results, clock)::register,
                        new MetricsRoutes(engine, pivot)::register,
                        new ScoreRoutes(scorer, models, limits)::register,
                        new EventRoutes(events, clock)::register,
                        new BatchRoutes(
                                engine,
                                results,
                                scorer,
                                new RescoreEvents(events, clock, config.rescoreMaxEvents()),
                                batches,
                                clock)::register,
                        stream::register,
                        new WebAssets()::register,
                        new SessionRoutes(sessions, authentication)::register),
                database::isReachable,
                access,
                authentication));
        engine.start();
    }

    private static EngineSettings engineSettings(ServerConfig config) {
        return new EngineSettings(
                config.instanceId(),
                config.jobWorkers(),
                config.jobLease(),
                ServerConfig.JOB_POLL_INTERVAL,
                ServerConfig.JOB_PROGRESS_THROTTLE,
                ServerConfig.JOB_MAX_ATTEMPTS,
                ServerConfig.JOB_RETRY_BACKOFF,
                config.resultTtl(),
                config.jobQueueCapacity(),
                config.jobStallTimeout());
    }

    private <T extends AutoCloseable> T open(T resource) {
        resources.add(0, resource);
        return resource;
    }

    /** Opens the database (migrating it), starts the job workers and serves on the configured port. */
    public static Application start(ServerConfig config, Clock clock) {
        Application application = new Application(config, clock);
        try {
            application.http.start(config.port());
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
        log.info(
                "SpeedData listening on http://{}:{} ({}-user mode; public URL {})",
                config.bindAddress(),
                application.port(),
                config.authMode().name().toLowerCase(java.util.Locale.ROOT),
                application.access.publicUrl());
        if (config.authMode() == ServerConfig.AuthMode.MULTI && config.publicUrl() == null) {
            log.warn(
                    "PUBLIC_URL is not set: job URLs handed to clients start with {}, which other hosts may not "
                            + "reach; set PUBLIC_URL to the URL clients use",
                    application.access.publicUrl());
        }
        if (config.authMode() == ServerConfig.AuthMode.SINGLE && !config.loopbackOnly()) {
            log.warn(
                    "single-user mode (no API keys) on {}: anyone who can reach this address can read and change "
                            + "every signal; use AUTH_MODE=multi on a shared network",
                    config.bindAddress());
        }
        return application;
    }

    public int port() {
        return http.port();
    }

    /** Every route the server answers, for the tests that walk them all. */
    List<String> routes() {
        return http.routes();
    }

    /** The export use case, for benchmarks that time the file writing apart from HTTP. */
    ExportPivot exportPivot() {
        return pivot;
    }

    public DemoData demoData() {
        return new DemoData(signals.catalog(Tenants.LOCAL), signals.samples(Tenants.LOCAL));
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
