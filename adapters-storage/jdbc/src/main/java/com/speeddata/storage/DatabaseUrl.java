package com.speeddata.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the database is: a JDBC URL for the driver plus, when they came apart from it, user and password.
 * {@link #toString()} and {@link #redacted()} never show the password.
 */
public record DatabaseUrl(Dialect dialect, String jdbcUrl, String user, String password) {

    /** What {@link #parse} understands; listed in its error messages. */
    public static final List<String> EXAMPLES = List.of(
            "jdbc:postgresql://localhost:5432/speeddata?user=speeddata",
            "postgres://speeddata:secret@localhost:5432/speeddata",
            "postgresql://speeddata:s%40cret@db.example:5432/speeddata?sslmode=require");

    /** The embedded database's file name (H2 adds {@code .mv.db}) inside the data directory. */
    public static final String EMBEDDED_FILE_NAME = "speeddata";

    /**
     * H2 settings. PostgreSQL mode (with lower-case identifiers and PostgreSQL's null ordering, as H2's manual
     * recommends) lets the adapters share their DML with PostgreSQL. DB_CLOSE_ON_EXIT=FALSE: H2's own JVM shutdown
     * hook would close the database while the server's shutdown still drains requests and jobs; instead
     * {@link Database#close()} closes it, last. No AUTO_SERVER: one process owns the file, and H2's file lock makes
     * a second server on the same data directory fail at start instead of corrupting it. LOCK_TIMEOUT: a writer
     * waits up to 10 s for another writer of the same signal (PostgreSQL waits without limit). CACHE_SIZE=16 MiB
     * instead of 64: the data is large sample blobs read once per export, so a big page cache buys little, while the
     * heap it takes is missed by H2's write buffer for a large ingest transaction (at -Xmx256m a 64 MiB cache made a
     * 29 MB ingest fail with OutOfMemoryError, which closes the database).
     */
    static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;CACHE_SIZE=16384";

    /**
     * A password parameter anywhere: in a URL ({@code ?password=}, {@code &password=}, {@code ;password=}) or echoed
     * by PostgreSQL in its own error text (a URL written {@code ?user=app;password=x} makes the driver send the user
     * {@code app;password=x}, and the server answers {@code role "app;password=x" does not exist}). The value runs
     * to the next separator or quote.
     */
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password\\s*=\\s*)[^&;\\s\"',)]+");
    /**
     * The user-info of a URL with a password ({@code scheme://user:password@host}). Greedy to the last {@code @}
     * of the word, so that a raw {@code @} inside the password is masked too; it may mask more than the password
     * (a {@code @} in a later parameter), never less.
     */
    private static final Pattern USER_INFO = Pattern.compile("(://[^:/@\\s]*:)\\S*@");

    public DatabaseUrl {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** The embedded H2 database in file mode under {@code dataDir}. */
    public static DatabaseUrl embedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve(EMBEDDED_FILE_NAME);
        if (file.toString().contains(";")) {
            throw new IllegalArgumentException("data directory must not contain ';': " + dataDir);
        }
        return new DatabaseUrl(Dialect.H2, "jdbc:h2:file:" + file + H2_SETTINGS, null, null);
    }

    /**
     * Reads {@code jdbc:postgresql://…} (kept as it is) or {@code postgres://user:pass@host:port/db?params}
     * (also {@code postgresql://}; user and password URL-encoded; query parameters kept for the driver).
     */
    public static Optional<DatabaseUrl> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String url = text.strip();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return Optional.of(new DatabaseUrl(Dialect.POSTGRESQL, url, null, null));
        }
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            return fromLibpqUrl(url);
        }
        return Optional.empty();
    }

    private static Optional<DatabaseUrl> fromLibpqUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getHost() == null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            jdbc.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        jdbc.append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return Optional.of(new DatabaseUrl(Dialect.POSTGRESQL, jdbc.toString(), user, password));
    }

    /** Percent-decoding as in a URL's user-info part, where '+' is a plus and not a space. */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL with any password masked, for logs. */
    public String redacted() {
        return mask(jdbcUrl);
    }

    /**
     * Any text that may hold a database password (a URL in any of the forms {@link #parse} reads, a driver's or the
     * server's error message) with every password masked as {@code ****}: the one place that masks them, for logs
     * and error messages.
     */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1****@");
        return PASSWORD_PARAM.matcher(masked).replaceAll("$1****");
    }

    /**
     * A sentence for a URL that {@link #parse} rejected. It names the scheme only: the rest may hold a password.
     */
    public static String describeUnrecognized(String text) {
        String scheme = text == null ? "" : text.strip();
        int end = scheme.indexOf("://");
        if (end >= 0) {
            scheme = scheme.substring(0, end + 3);
        } else {
            scheme = scheme.substring(0, scheme.indexOf(':') + 1); // "" when there is no colon
        }
        return "Unrecognized database URL starting with '" + scheme + "'. Parsable examples: " + EXAMPLES;
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + dialect.vendor() + ", " + redacted() + (user == null ? "" : ", user=" + user)
                + (password == null ? "" : ", password=****") + "]";
    }
}
