package io.lotse.web;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The feature packages of the knowledge base, the bot and the handoff depend on each other one way
 * only, as their compiled classes show (ArchUnit): each may use the packages named here and the
 * root package of its module (the module's face and records), and no other package of it. Checked
 * here, where all three modules are on the class path.
 */
class PackageStructureTests {

    /** The knowledge base: the index on the others, they on none of them. */
    private static final Map<String, Set<String>> KNOWLEDGE = Map.of(
            "analysis", Set.of(),
            "articles", Set.of(),
            "embeddings", Set.of(),
            "classifier", Set.of(),
            "index", Set.of("analysis", "articles", "embeddings", "classifier"));

    /** The bot: calibration on the decision, the rest on none of them. */
    private static final Map<String, Set<String>> BOT = Map.of(
            "language", Set.of(),
            "intents", Set.of(),
            "guides", Set.of(),
            "decision", Set.of(),
            "calibration", Set.of("decision"));

    /** The handoff: the store on none of them. */
    private static final Map<String, Set<String>> HANDOFF = Map.of(
            "store", Set.of(),
            "hours", Set.of(),
            "conversation", Set.of("store"),
            "presence", Set.of("store"),
            "notes", Set.of("store", "presence"),
            "queue", Set.of("store", "conversation", "presence", "notes", "hours"),
            "privacy", Set.of("store", "conversation", "notes", "queue"));

    @Test
    void theKnowledgeBasesPackagesUseOnlyThoseBelowThem() {
        assertLayers("io.lotse.knowledge", KNOWLEDGE);
    }

    @Test
    void theBotsPackagesUseOnlyThoseBelowThem() {
        assertLayers("io.lotse.bot", BOT);
    }

    @Test
    void theHandoffsPackagesUseOnlyThoseBelowThem() {
        assertLayers("io.lotse.handoff", HANDOFF);
    }

    @Test
    void aPackageUsingOneItMayNotIsFound() {
        Map<String, Set<String>> queueOnItsOwn = new HashMap<>(HANDOFF);
        queueOnItsOwn.put("queue", Set.of());

        assertThatThrownBy(() -> assertLayers("io.lotse.handoff", queueOnItsOwn)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.lotse.handoff.queue");
    }

    /** Every feature package of the module is named, and each uses only those it may. */
    private static void assertLayers(String module, Map<String, Set<String>> allowed) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(module);
        Set<String> features = classes.stream().map(JavaClass::getPackageName).filter(name -> name.startsWith(module + "."))
                .map(name -> name.substring(module.length() + 1).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(features).as("the feature packages of " + module).isEqualTo(new TreeSet<>(allowed.keySet()));

        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String feature : allowed.keySet()) {
            layers = layers.layer(feature).definedBy(module + "." + feature + "..");
        }
        for (Map.Entry<String, Set<String>> feature : allowed.entrySet()) {
            layers = feature.getValue().isEmpty()
                    ? layers.whereLayer(feature.getKey()).mayNotAccessAnyLayer()
                    : layers.whereLayer(feature.getKey()).mayOnlyAccessLayers(feature.getValue().toArray(String[]::new));
        }
        layers.check(classes);
    }
}
