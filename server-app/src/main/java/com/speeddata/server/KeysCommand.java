package com.speeddata.server;

import com.speeddata.jobs.access.ApiKey;
import com.speeddata.jobs.access.ApiKeys;
import com.speeddata.storage.Database;
import com.speeddata.storage.StoreException;
import com.speeddata.storage.access.JdbcApiKeyStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar server-app.jar keys create|list|revoke}: manages API keys in the database the server uses (the
 * same {@code DATABASE_URL} / {@code DATA_DIR}). {@code create} prints the key alone on standard output, once, so
 * that {@code KEY=$(... keys create ...)} works; everything else goes to standard error.
 */
final class KeysCommand {
    static final String USAGE =
            """
            usage: java -jar server-app.jar keys create --tenant NAME --tier TIER [--name TEXT] [--admin] [--expires P90D]
                   java -jar server-app.jar keys list [--tenant NAME]
                   java -jar server-app.jar keys revoke KEY_ID
            (same DATABASE_URL / DATA_DIR / TIERS_FILE as the server)""";
    private static final Set<String> VALUED = Set.of("--tenant", "--tier", "--name", "--expires");

    private final PrintStream out;
    private final PrintStream err;

    KeysCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the process exit code (0 done, 1 not found, 2 usage or setting error). */
    int run(List<String> args, ServerConfig config, Clock clock) {
        if (args.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (VALUED.contains(arg) && i + 1 < args.size()) {
                options.put(arg, args.get(++i));
            } else if (arg.equals("--admin")) {
                options.put(arg, "true");
            } else if (arg.startsWith("--")) {
                err.println("unknown or incomplete option " + arg + "\n" + USAGE);
                return 2;
            } else {
                positional.add(arg);
            }
        }
        try (Database database = Database.open(config.databaseUrl(), config.dataDir())) {
            ApiKeys keys = new ApiKeys(new JdbcApiKeyStore(database.dataSource()), config.tiers(), clock);
            return switch (args.get(0)) {
                case "create" -> create(keys, options);
                case "list" -> list(keys, options.get("--tenant"));
                case "revoke" -> positional.size() == 1 ? revoke(keys, positional.get(0)) : usage();
                default -> usage();
            };
        } catch (IllegalArgumentException e) {
            err.println("keys: " + e.getMessage());
            return 2;
        } catch (StoreException e) {
            err.println("keys: the database cannot be used (" + e.getMessage() + "); with the embedded store, stop "
                    + "the server first: it holds the database file");
            return 2;
        }
    }

    private int usage() {
        err.println(USAGE);
        return 2;
    }

    private int create(ApiKeys keys, Map<String, String> options) {
        if (!options.containsKey("--tenant") || !options.containsKey("--tier")) {
            return usage();
        }
        Duration expires = options.containsKey("--expires") ? expiry(options.get("--expires")) : null;
        ApiKeys.Created created = keys.create(
                options.get("--tenant"),
                options.get("--tier"),
                options.get("--name"),
                options.containsKey("--admin"),
                expires);
        out.println(created.token().reveal());
        err.println("created key " + created.key().id() + " for tenant "
                + created.key().tenant() + " (tier "
                + created.key().tier() + (created.key().admin() ? ", admin" : "") + ", expires "
                + (created.key().expiresAt() == null ? "never" : created.key().expiresAt())
                + "). Store it now: it is not shown again.");
        return 0;
    }

    private static Duration expiry(String text) {
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("--expires must be positive");
            }
            return duration;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--expires takes an ISO 8601 duration such as P90D or PT12H, not '" + text + "'");
        }
    }

    private int list(ApiKeys keys, String tenant) {
        out.println(String.join(
                "\t", "key_id", "tenant", "tier", "admin", "created_at", "expires_at", "revoked_at", "name"));
        for (ApiKey key : keys.list(tenant)) {
            out.println(String.join(
                    "\t",
                    key.id(),
                    key.tenant(),
                    key.tier(),
                    Boolean.toString(key.admin()),
                    key.createdAt().toString(),
                    text(key.expiresAt()),
                    text(key.revokedAt()),
                    printable(key.name())));
        }
        return 0;
    }

    private static String text(Instant instant) {
        return instant == null ? "-" : instant.toString();
    }

    /** Names are free text; tabs and line breaks would break the table (control characters are refused at create). */
    private static String printable(String name) {
        return name.replaceAll("[\\t\\n\\r]", " ");
    }

    private int revoke(ApiKeys keys, String id) {
        if (keys.revoke(id)) {
            err.println(
                    "revoked key " + id + "; every instance refuses it within " + ApiKeys.CACHE_FOR.toSeconds() + " s");
            return 0;
        }
        err.println("no key " + id + " that is not revoked already");
        return 1;
    }
}
