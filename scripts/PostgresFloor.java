import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A plain read of a schema's samples out of PostgreSQL: every chunk of every signal, with the queries an export's
 * cursor runs for each page (where the page starts, then up to 32 chunks; ChunkTable's SQL, which
 * ChunkTableSqlTest keeps these copies equal to) and the server's binary transfer, on one connection, one query
 * after another, the bytes taken and nothing decoded. Not a strict floor for an export, which fetches ahead while it
 * encodes, but what a client pays just to receive the data. Prints each pass, then a line
 * {@code summary <median wall s> <min> <max> <median backend CPU s or n/a>}; the backend's CPU comes from /proc
 * when PostgreSQL runs on this host. Run by {@code scripts/bench-ab --floor} and {@code scripts/bench peer postgres};
 * by hand:
 *
 * <pre>java -cp server-app.jar scripts/PostgresFloor.java 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres&amp;currentSchema=bench_ab_0' 7</pre>
 */
public class PostgresFloor {
    private static final String SIGNALS = "SELECT DISTINCT signal_id FROM sample_chunk ORDER BY signal_id";
    private static final String LAST_STARTING_AT_OR_BEFORE = "SELECT first_ns, last_ns, n FROM sample_chunk WHERE signal_id = ? AND first_ns <= ? ORDER BY signal_id DESC, first_ns DESC LIMIT 1";
    private static final String RANGE_PAGE = "SELECT first_ns, last_ns, n, step_ns, times, vals FROM sample_chunk WHERE signal_id = ? AND first_ns >= ? AND first_ns <= ? ORDER BY signal_id, first_ns LIMIT ?";
    private static final int PAGE_CHUNKS = 32; // ChunkCursor.PAGE_CHUNKS

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT); // the scripts parse the figures
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Properties driver = new Properties();
        driver.setProperty("prepareThreshold", "-1"); // as Dialect.POSTGRESQL sets it: bytea in binary
        try (Connection c = DriverManager.getConnection(args[0], driver)) {
            int backend = backendPid(c);
            List<Long> signals = signals(c);
            List<Double> walls = new ArrayList<>();
            List<Double> cpus = new ArrayList<>();
            for (int pass = -2; pass < passes; pass++) { // two untimed passes first
                double cpuBefore = cpuSeconds(backend);
                long start = System.nanoTime();
                long bytes = readAll(c, signals);
                double wall = (System.nanoTime() - start) / 1e9;
                double cpu = cpuBefore < 0 ? -1 : cpuSeconds(backend) - cpuBefore;
                if (pass >= 0) {
                    walls.add(wall);
                    cpus.add(cpu);
                    System.out.printf("pass %d: %.3f s wall, backend CPU %s, %,d bytes%n", pass, wall,
                            cpu < 0 ? "n/a" : String.format("%.2f s", cpu), bytes);
                }
            }
            System.out.printf("summary %.3f %.3f %.3f %s%n", median(walls), walls.stream().min(Double::compare).get(),
                    walls.stream().max(Double::compare).get(),
                    cpus.get(0) < 0 ? "n/a" : String.format("%.2f", median(cpus)));
        }
    }

    private static long readAll(Connection c, List<Long> signals) throws SQLException {
        long bytes = 0;
        try (PreparedStatement start = c.prepareStatement(LAST_STARTING_AT_OR_BEFORE);
                PreparedStatement page = c.prepareStatement(RANGE_PAGE)) {
            for (long signal : signals) {
                long from = Long.MIN_VALUE;
                int rows = PAGE_CHUNKS;
                while (rows == PAGE_CHUNKS) {
                    from = startOfRange(start, signal, from);
                    page.setLong(1, signal);
                    page.setLong(2, from);
                    page.setLong(3, Long.MAX_VALUE);
                    page.setInt(4, PAGE_CHUNKS);
                    page.setFetchSize(PAGE_CHUNKS);
                    rows = 0;
                    try (ResultSet rs = page.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            from = rs.getLong(2) + 1;
                            byte[] times = rs.getBytes(5);
                            bytes += (times == null ? 0 : times.length) + rs.getBytes(6).length;
                        }
                    }
                }
            }
        }
        return bytes;
    }

    /** ChunkTable.startOfRange: the first_ns of the chunk holding t, else t. */
    private static long startOfRange(PreparedStatement s, long signal, long t) throws SQLException {
        s.setLong(1, signal);
        s.setLong(2, t);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() && rs.getLong(2) >= t ? rs.getLong(1) : t;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<Long> signals(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(SIGNALS)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static int backendPid(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** User and system CPU of a PostgreSQL process on this host, or -1 when it is not here. */
    private static double cpuSeconds(int pid) {
        try {
            if (!Files.readString(Path.of("/proc/" + pid + "/comm")).strip().equals("postgres")) {
                return -1; // PostgreSQL elsewhere (another host, a container): that pid is not its backend
            }
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return -1;
        }
    }
}
