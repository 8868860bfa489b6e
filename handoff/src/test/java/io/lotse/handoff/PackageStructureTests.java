package io.lotse.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The feature packages depend on each other one way only, and the store on none of them. */
class PackageStructureTests {

    private static final Path SOURCES = Path.of("src/main/java/io/lotse/handoff");
    private static final Pattern IMPORT = Pattern.compile("^import io\\.lotse\\.handoff\\.([a-z]+)\\.", Pattern.MULTILINE);

    /** The feature packages each package may use; the root package (the face and its records) is open to all. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "store", Set.of(),
            "hours", Set.of(),
            "conversation", Set.of("store"),
            "presence", Set.of("store"),
            "notes", Set.of("store", "presence"),
            "queue", Set.of("store", "conversation", "presence", "notes", "hours"),
            "privacy", Set.of("store", "conversation", "notes", "queue"));

    @Test
    void featurePackagesUseOnlyThoseBelowThem() {
        ALLOWED.forEach((feature, allowed) -> assertThat(usedBy(feature)).as(feature).isSubsetOf(allowed));
    }

    private static Set<String> usedBy(String feature) {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(SOURCES.resolve(feature))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                Matcher imports = IMPORT.matcher(read(file));
                while (imports.find()) {
                    if (!imports.group(1).equals(feature)) {
                        used.add(imports.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return used;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
