package hemigraph.neo4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * Runs an embedded Neo4j Community DBMS with the Bolt connector enabled, for
 * hemigraph development, demos and tests. Started by scripts/neo4j.sh.
 *
 * Settings (command-line flag, else environment variable, else default):
 *   --home DIR         NEO4J_DATA_DIR          .data/neo4j (store, logs)
 *   --port N           NEO4J_PORT              7687
 *   --address HOST     NEO4J_LISTEN_ADDRESS    127.0.0.1
 *   --pagecache SIZE   NEO4J_PAGECACHE         512m
 *   --tx-timeout DUR   NEO4J_TX_TIMEOUT        5m   (0 disables)
 *
 * Prints "hemigraph-neo4j: ready bolt://HOST:PORT" on stdout once the default
 * database answers queries. SIGTERM/SIGINT shut the DBMS down cleanly.
 */
public final class Launcher {
    private static final String PREFIX = "hemigraph-neo4j: ";

    private Launcher() {}

    public static void main(String[] args) {
        String home = setting(args, "--home", "NEO4J_DATA_DIR", ".data/neo4j");
        String address = setting(args, "--address", "NEO4J_LISTEN_ADDRESS", "127.0.0.1");
        String portText = setting(args, "--port", "NEO4J_PORT", "7687");
        String pagecache = setting(args, "--pagecache", "NEO4J_PAGECACHE", "512m");
        String txTimeout = setting(args, "--tx-timeout", "NEO4J_TX_TIMEOUT", "5m");

        int port;
        long pagecacheBytes;
        Duration txTimeoutDuration;
        try {
            port = Integer.parseInt(portText.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException("out of range");
            }
            pagecacheBytes = SettingValueParsers.BYTES.parse(pagecache.trim());
            txTimeoutDuration = SettingValueParsers.DURATION.parse(txTimeout.trim());
        } catch (RuntimeException e) {
            fail("invalid setting (port=" + portText + ", pagecache=" + pagecache
                    + ", tx-timeout=" + txTimeout + "): " + e.getMessage(), null);
            return;
        }

        Path homeDir = Path.of(home).toAbsolutePath().normalize();
        Path logsDir = homeDir.resolve("logs");
        try {
            Files.createDirectories(logsDir);
        } catch (IOException e) {
            fail("cannot create " + logsDir, e);
        }

        String uri = "bolt://" + address + ":" + port;
        log("starting Neo4j " + neo4jVersion() + " home=" + homeDir + " bolt=" + address + ":" + port
                + " pagecache=" + pagecache + " tx-timeout=" + txTimeout);
        Instant started = Instant.now();

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(homeDir)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(address, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(address, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pagecacheBytes)
                    .setConfig(GraphDatabaseSettings.transaction_timeout, txTimeoutDuration)
                    .setConfig(GraphDatabaseSettings.logs_directory, logsDir)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // keep throwaway/test data dirs small: no 256 MB preallocated tx log files,
                    // and only a bounded amount of old tx logs is retained
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "256M size")
                    // Bolt's Netty event loops otherwise idle 5 s (twice) on shutdown; the
                    // databases are already closed by then, so a short quiet period is safe.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                    .build();
        } catch (Throwable t) {
            fail("failed to start the DBMS (is " + address + ":" + port + " already in use?)", t);
            return;
        }

        // Shut the store down cleanly on SIGTERM / SIGINT / normal exit.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutting down");
            try {
                dbms.shutdown();
                log("stopped");
            } catch (Throwable t) {
                log("error during shutdown: " + t);
            } finally {
                stopped.countDown();
            }
        }, "hemigraph-neo4j-shutdown"));

        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(Duration.ofMinutes(5).toMillis())) {
                fail("default database '" + GraphDatabaseSettings.DEFAULT_DATABASE_NAME
                        + "' did not become available", null);
            }
            try (Transaction tx = db.beginTx()) {
                tx.execute("RETURN 1").close();
                tx.commit();
            }
        } catch (Throwable t) {
            fail("default database is not usable", t);
        }

        long ms = Duration.between(started, Instant.now()).toMillis();
        log("default database '" + GraphDatabaseSettings.DEFAULT_DATABASE_NAME + "' available after " + ms + " ms");
        System.out.println(PREFIX + "ready " + uri);
        System.out.flush();

        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String setting(String[] args, String flag, String env, String def) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(flag) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(flag + "=")) {
                return args[i].substring(flag.length() + 1);
            }
        }
        String v = System.getenv(env);
        return v == null || v.isBlank() ? def : v;
    }

    private static String neo4jVersion() {
        Package p = DatabaseManagementService.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "(unknown version)" : v;
    }

    private static void log(String msg) {
        System.out.println(Instant.now() + " " + PREFIX + msg);
        System.out.flush();
    }

    private static void fail(String msg, Throwable t) {
        System.err.println(PREFIX + "error: " + msg);
        if (t != null) {
            t.printStackTrace(System.err);
        }
        System.err.flush();
        // Runs the shutdown hook (if registered), so a started DBMS is closed cleanly.
        System.exit(1);
    }
}
