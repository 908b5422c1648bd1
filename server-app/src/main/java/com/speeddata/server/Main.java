package com.speeddata.server;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar server-app.jar [--demo]}: starts the service with settings from the environment;
 * {@code --demo} also loads the demo test-bench data set (once). {@code java -jar server-app.jar keys ...} manages
 * API keys ({@link KeysCommand}).
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        List<String> flags = List.of(args);
        boolean keys = !flags.isEmpty() && flags.get(0).equals("keys");
        if (!keys && (flags.contains("--help") || flags.stream().anyMatch(f -> !f.equals("--demo")))) {
            System.out.println(
                    "usage: java -jar server-app.jar [--demo]   (settings: see README, environment variables)\n"
                            + KeysCommand.USAGE);
            System.exit(flags.contains("--help") ? 0 : 2);
        }
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (keys) {
            System.exit(new KeysCommand(System.out, System.err)
                    .run(flags.subList(1, flags.size()), config, Clock.systemUTC()));
        }
        config.describe().forEach((name, value) -> log.info("setting {} = {}", name, value));
        Application application = Application.start(config, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(application::close, "shutdown"));
        if (flags.contains("--demo")) {
            application.demoData().loadIfAbsent();
        }
    }
}
