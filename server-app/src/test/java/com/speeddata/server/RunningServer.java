package com.speeddata.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** A real server on a free port in this JVM, over the embedded store or PostgreSQL, with a client for it. */
final class RunningServer extends TestHttp implements AutoCloseable {
    private final Application application;

    private RunningServer(Application application) {
        super("http://localhost:" + application.port());
        this.application = application;
    }

    static RunningServer start(TestDatabase database, Path dataDir, Map<String, String> env) {
        Map<String, String> settings = new HashMap<>(env);
        settings.put("PORT", "0");
        settings.put("DATA_DIR", dataDir.toString());
        if (database.url() != null) {
            settings.put("DATABASE_URL", database.url());
        }
        return new RunningServer(Application.start(ServerConfig.fromEnvironment(settings), Clock.systemUTC()));
    }

    Application application() {
        return application;
    }

    @Override
    public void close() {
        application.close();
    }
}
