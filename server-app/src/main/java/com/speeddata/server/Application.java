package com.speeddata.server;

import com.speeddata.http.HttpServer;
import com.speeddata.http.catalog.CatalogRoutes;
import com.speeddata.http.export.ExportRoutes;
import com.speeddata.http.export.ExportSettings;
import com.speeddata.http.ingest.IngestRoutes;
import com.speeddata.pivot.export.ExportPivot;
import com.speeddata.storage.Database;
import com.speeddata.storage.JdbcCatalog;
import com.speeddata.storage.JdbcSampleStore;
import com.speeddata.storage.export.CsvExportSink;
import com.speeddata.storage.export.Hdf5ExportSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/** Wires the adapters to the cores and runs the HTTP server: the whole service in one object. */
public final class Application implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final Database database;
    private final JdbcCatalog catalog;
    private final JdbcSampleStore samples;
    private final HttpServer http;

    private Application(ServerConfig config, Clock clock) {
        this.database = Database.open(config.databaseUrl(), config.dataDir());
        this.catalog = new JdbcCatalog(database);
        this.samples = new JdbcSampleStore(database);
        ExportPivot pivot = new ExportPivot(catalog, samples, clock,
                List.of(new Hdf5ExportSink(clock), new CsvExportSink()), config.exportMaxBytes());
        ExportSettings exportSettings = new ExportSettings(config.syncMaxBytes(), config.syncTimeout(),
                config.dataDir().resolve("exports").resolve("inline"));
        this.http = new HttpServer(List.of(
                new CatalogRoutes(catalog)::register,
                new IngestRoutes(catalog, samples, config.ingestMaxBytes())::register,
                new ExportRoutes(pivot, exportSettings, clock)::register),
                database::isReachable);
    }

    /** Opens the database (migrating it), and starts serving on the configured port. */
    public static Application start(ServerConfig config, Clock clock) {
        Application application = new Application(config, clock);
        try {
            application.http.start(config.port());
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
        log.info("SpeedData listening on http://localhost:{}", application.port());
        return application;
    }

    public int port() {
        return http.port();
    }

    public DemoData demoData() {
        return new DemoData(catalog, samples);
    }

    @Override
    public void close() {
        http.close();
        database.close();
    }
}
