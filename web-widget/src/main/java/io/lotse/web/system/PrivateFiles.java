package io.lotse.web.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a folder of the node's data readable by the user the service runs as only: folders
 * {@code rwx------} (700), files {@code rw-------} (600), programs {@code rwx------}.
 *
 * <p>The folder's own mode is what keeps other users out of everything below it; files written
 * later (the search index's, say) get the process's umask, inside it. On file systems without POSIX
 * permissions (Windows) nothing is changed.
 */
public final class PrivateFiles {

    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {}

    /** Creates the folder if needed and makes it, and everything in it, the owner's only. */
    public static void restrict(Path folder) {
        try {
            Files.createDirectories(folder);
            if (!POSIX) {
                return;
            }
            try (Stream<Path> all = Files.walk(folder)) {
                all.forEach(PrivateFiles::restrictOne);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make " + folder.toAbsolutePath() + " private to the service's user", e);
        }
    }

    private static void restrictOne(Path path) {
        try {
            if (Files.isSymbolicLink(path)) {
                return;
            }
            if (Files.isDirectory(path)) {
                Files.setPosixFilePermissions(path, FOLDER);
            } else if (Files.isExecutable(path)) {
                Files.setPosixFilePermissions(path, FOLDER);
            } else {
                Files.setPosixFilePermissions(path, FILE);
            }
        } catch (IOException e) {
            // A file that went away meanwhile (a rewrite of Redis' append-only file, say), or is not ours.
            log.debug("Could not restrict {}: {}", path, e.toString());
        }
    }
}
