import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What PostgreSQL alone takes to hand over a schema's samples: every chunk of every signal, read as an export reads
 * them (the same paged query, 32 chunks a page, the driver settings of the server), on one connection, the bytes
 * taken and nothing decoded. Prints, per pass, the wall time and the CPU of the PostgreSQL backend (from /proc when it
 * runs on this host). Run by {@code scripts/bench-ab --floor}; by hand:
 *
 * <pre>java -cp server-app.jar scripts/PostgresFloor.java 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres&amp;currentSchema=bench_ab_0' 7</pre>
 */
public class PostgresFloor {
    private static final String SIGNALS = "SELECT DISTINCT signal_id FROM sample_chunk ORDER BY signal_id";
    // ChunkTable.RANGE_PAGE
    private static final String PAGE = "SELECT first_ns, last_ns, n, step_ns, times, vals FROM sample_chunk"
            + " WHERE signal_id = ? AND first_ns >= ? AND first_ns <= ? ORDER BY signal_id, first_ns LIMIT ?";
    private static final int PAGE_CHUNKS = 32;

    public static void main(String[] args) throws Exception {
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Properties driver = new Properties(); // as Dialect sets them for the server's pool
        driver.setProperty("prepareThreshold", "-1");
        try (Connection c = DriverManager.getConnection(args[0], driver)) {
            int backend = backendPid(c);
            List<Long> signals = signals(c);
            for (int pass = -2; pass < passes; pass++) { // two untimed passes first
                double cpu = cpuSeconds(backend);
                long start = System.nanoTime();
                long bytes = readAll(c, signals);
                double wall = (System.nanoTime() - start) / 1e9;
                if (pass >= 0) {
                    System.out.printf("pass %d: %.3f s wall, backend CPU %s, %,d bytes%n", pass, wall,
                            cpu < 0 ? "n/a" : String.format("%.2f s", cpuSeconds(backend) - cpu), bytes);
                }
            }
        }
    }

    private static long readAll(Connection c, List<Long> signals) throws SQLException {
        long bytes = 0;
        try (PreparedStatement s = c.prepareStatement(PAGE)) {
            for (long signal : signals) {
                long from = Long.MIN_VALUE;
                while (true) {
                    s.setLong(1, signal);
                    s.setLong(2, from);
                    s.setLong(3, Long.MAX_VALUE);
                    s.setInt(4, PAGE_CHUNKS);
                    s.setFetchSize(PAGE_CHUNKS);
                    int rows = 0;
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            from = rs.getLong(1) + 1;
                            byte[] times = rs.getBytes(5);
                            bytes += (times == null ? 0 : times.length) + rs.getBytes(6).length;
                        }
                    }
                    if (rows < PAGE_CHUNKS) {
                        break;
                    }
                }
            }
        }
        return bytes;
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

    /** User and system CPU of a process on this host, or -1 when it is not here. */
    private static double cpuSeconds(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return -1;
        }
    }
}
