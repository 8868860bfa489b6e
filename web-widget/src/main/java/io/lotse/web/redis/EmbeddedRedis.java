package io.lotse.web.redis;

import io.lotse.web.system.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real redis-server process started from the binary shipped in the embedded-redis artifact.
 *
 * <p>Its append-only file lives under the data directory, so conversations and articles survive a
 * restart of the application. It listens on 127.0.0.1 only.
 */
final class EmbeddedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    /**
     * Where there is a POSIX shell, the server is started through it with umask 077, so that every
     * file it writes (append-only file, snapshot, log) is its user's only; redis-server has no
     * setting of its own for that.
     */
    private static final List<String> PRIVATE_FILES = Files.isExecutable(Path.of("/bin/sh"))
            ? List.of("/bin/sh", "-c", "umask 077 && exec \"$0\" \"$@\"")
            : List.of();

    private final Process process;
    private final int port;

    private EmbeddedRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server with its files in {@code dir}; {@code port} 0 picks a free port. */
    static EmbeddedRedis start(Path dir, int port) {
        try {
            PrivateFiles.restrict(dir);
            Path binary = extractBinary(dir.resolve("bin"));
            int chosenPort = port == 0 ? freePort() : port;
            List<String> command = new ArrayList<>(PRIVATE_FILES);
            command.addAll(List.of(
                    binary.toString(),
                    "--port", Integer.toString(chosenPort),
                    "--bind", "127.0.0.1",
                    "--dir", dir.toAbsolutePath().toString(),
                    "--appendonly", "yes",
                    "--save", "",
                    "--daemonize", "no",
                    "--logfile", dir.resolve("redis.log").toAbsolutePath().toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            EmbeddedRedis redis = new EmbeddedRedis(process, chosenPort);
            redis.awaitAcceptingConnections();
            log.info("Started embedded Redis on 127.0.0.1:{} with its files in {}", chosenPort, dir.toAbsolutePath());
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded Redis in " + dir, e);
        }
    }

    int port() {
        return port;
    }

    private void awaitAcceptingConnections() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server stopped at once with exit code " + process.exitValue()
                        + " (is port " + port + " taken? see redis.log in the data directory)");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    TimeUnit.MILLISECONDS.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for redis-server", e);
                }
            }
        }
        process.destroyForcibly();
        throw new IOException("redis-server did not accept connections within " + START_TIMEOUT);
    }

    private static Path extractBinary(Path binDir) throws IOException {
        String resource = binaryResource();
        Files.createDirectories(binDir);
        Path target = binDir.resolve(resource);
        try (InputStream in = EmbeddedRedis.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("No embedded redis-server for this platform (" + resource
                        + "); set spring.data.redis.url to use an external Redis");
            }
            Path temp = Files.createTempFile(binDir, "redis-server", ".tmp");
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            if (!temp.toFile().setExecutable(true, true)) {
                throw new IOException("Could not make " + temp + " executable");
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }

    /** The file name of the binary for this operating system and processor inside the artifact. */
    static String binaryResource() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean arm = arch.contains("aarch64") || arch.contains("arm64");
        if (os.contains("mac")) {
            return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        }
        if (os.contains("win")) {
            return "redis-server-5.0.14.1-windows-amd64.exe";
        }
        if (arm) {
            return "redis-server-6.2.7-linux-arm64";
        }
        return arch.contains("64") ? "redis-server-6.2.6-v5-linux-amd64" : "redis-server-6.2.7-linux-386";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the server; Redis flushes its append-only file on SIGTERM. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
