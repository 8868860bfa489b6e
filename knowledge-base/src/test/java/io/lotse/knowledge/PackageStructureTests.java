package io.lotse.knowledge;

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

/** The feature packages depend on each other one way only: the index on the others, they on none of them. */
class PackageStructureTests {

    private static final Path SOURCES = Path.of("src/main/java/io/lotse/knowledge");
    private static final Pattern IMPORT = Pattern.compile("^import io\\.lotse\\.knowledge\\.([a-z]+)\\.", Pattern.MULTILINE);

    /** The feature packages each package may use; the root package (the face and its records) is open to all. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "analysis", Set.of(),
            "articles", Set.of(),
            "embeddings", Set.of(),
            "classifier", Set.of(),
            "index", Set.of("analysis", "articles", "embeddings", "classifier"));

    @Test
    void featurePackagesUseOnlyThoseBelowThem() {
        ALLOWED.forEach((feature, allowed) -> assertThat(usedBy(feature)).as(feature).isSubsetOf(allowed));
    }

    @Test
    void everyFeaturePackageIsKnown() {
        assertThat(featurePackages()).isEqualTo(ALLOWED.keySet());
    }

    private static Set<String> featurePackages() {
        try (Stream<Path> entries = Files.list(SOURCES)) {
            Set<String> packages = new TreeSet<>();
            entries.filter(Files::isDirectory).forEach(dir -> packages.add(dir.getFileName().toString()));
            return packages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
