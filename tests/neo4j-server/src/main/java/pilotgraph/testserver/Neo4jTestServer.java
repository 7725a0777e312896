package pilotgraph.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Starts a throw-away Neo4j 5 (community, embedded) with Bolt and authentication enabled.
 *
 * <p>Usage: {@code Neo4jTestServer [--port N] [--password PW] [--data DIR] [--page-cache SIZE] [--ignore-stdin]}.
 * The password may also come from {@code NEO4J_TEST_PASSWORD}; port 0 (the default) lets the OS pick a free port.
 * Once Bolt accepts connections it prints one line, {@code NEO4J_READY bolt://127.0.0.1:PORT}, and keeps running until
 * its standard input closes (the parent died or let go) or it receives SIGTERM; either way Neo4j shuts down cleanly
 * and a data directory it created itself is deleted.
 */
public final class Neo4jTestServer {

    public static void main(String[] args) throws Exception {
        int port = 0;
        String password = System.getenv("NEO4J_TEST_PASSWORD");
        Path dataDir = null;
        String pageCache = "64m";
        boolean watchStdin = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--password" -> password = args[++i];
                case "--data" -> dataDir = Path.of(args[++i]);
                case "--page-cache" -> pageCache = args[++i];
                case "--ignore-stdin" -> watchStdin = false;
                default -> fail("unknown argument " + args[i]);
            }
        }
        if (password == null || password.length() < 8) {
            fail("a password of at least 8 characters is required (--password or NEO4J_TEST_PASSWORD)");
        }
        boolean ownsData = dataDir == null;
        Path home = ownsData ? Files.createTempDirectory("pilotgraph-neo4j-") : dataDir;

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pageCache))
                // Bolt otherwise waits 5 s twice on shutdown for pools and connections a test run has closed.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(dbms, ownsData ? home : null), "neo4j-shutdown"));

        // Embedded transactions bypass auth, so the system database can set the initial password directly.
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));

        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        int boltPort = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", boltPort), 10_000);
        }
        System.out.println("NEO4J_READY bolt://127.0.0.1:" + boltPort);
        System.out.flush();

        if (watchStdin) {
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // the parent may write anything; only end-of-stream matters
            }
            System.exit(0); // runs the shutdown hook
        } else {
            Thread.currentThread().join();
        }
    }

    private static synchronized void stop(DatabaseManagementService dbms, Path toDelete) {
        try {
            dbms.shutdown();
        } catch (RuntimeException e) {
            System.err.println("neo4j shutdown failed: " + e);
        }
        if (toDelete != null) {
            try (Stream<Path> paths = Files.walk(toDelete)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + toDelete + ": " + e);
            }
        }
        System.err.println("NEO4J_STOPPED");
    }

    private static long parseBytes(String size) {
        String s = size.trim().toLowerCase();
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        return Long.parseLong(unit == 1L ? s : s.substring(0, s.length() - 1)) * unit;
    }

    private static void fail(String message) {
        System.err.println("NEO4J_FAILED " + message);
        System.exit(2);
    }
}
