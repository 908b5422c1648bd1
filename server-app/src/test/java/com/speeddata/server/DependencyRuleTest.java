package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The house plan (docs/STYLE.md): dependencies point inward only, checked in the poms and in the sources. */
class DependencyRuleTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern COMPILE_DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>",
            Pattern.DOTALL);

    /** Module → what it may depend on at compile scope (besides the JDK). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "pivot-core", Set.of(),
            "scoring-core", Set.of(),
            "job-engine", Set.of("slf4j-api"),
            // jackson-core: CsvExportSink writes numbers with its Schubfach double-to-text (issue 12).
            "adapters-storage/files", Set.of("pivot-core", "job-engine", "jhdf", "jackson-core"),
            // adapters-storage-files: for Uninterruptibly, the one helper both halves share.
            "adapters-storage/jdbc",
                    Set.of(
                            "pivot-core",
                            "scoring-core",
                            "job-engine",
                            "adapters-storage-files",
                            "HikariCP",
                            "postgresql",
                            "h2",
                            "flyway-core",
                            "flyway-database-postgresql",
                            "slf4j-api"),
            "adapters-http",
                    Set.of("pivot-core", "scoring-core", "job-engine", "javalin", "jackson-databind", "slf4j-api"),
            // jackson-databind: configuration files (TIERS_FILE) are JSON, read where configuration is read.
            "server-app",
                    Set.of(
                            "pivot-core",
                            "scoring-core",
                            "job-engine",
                            "adapters-storage-files",
                            "adapters-storage-jdbc",
                            "adapters-http",
                            "jackson-databind",
                            "slf4j-simple"));

    @Test
    void every_module_depends_only_on_what_the_house_plan_allows() throws IOException {
        for (Map.Entry<String, Set<String>> module : ALLOWED.entrySet()) {
            String pom = Files.readString(ROOT.resolve(module.getKey()).resolve("pom.xml"));
            String dependencies = pom.substring(pom.indexOf("<dependencies>"), pom.indexOf("</dependencies>"));
            Matcher dependency = COMPILE_DEPENDENCY.matcher(dependencies);
            while (dependency.find()) {
                if (!dependency.group(3).contains("<scope>test</scope>")) {
                    assertTrue(
                            module.getValue().contains(dependency.group(2)),
                            module.getKey() + " must not depend on " + dependency.group(2));
                }
            }
        }
    }

    @Test
    void pure_modules_import_nothing_but_the_jdk_and_inner_modules() throws IOException {
        Map<String, List<String>> allowedPrefixes = Map.of(
                "pivot-core", List.of("java.", "com.speeddata.pivot."),
                "scoring-core", List.of("java.", "com.speeddata.scoring."),
                "job-engine", List.of("java.", "com.speeddata.jobs.", "org.slf4j."));
        for (Map.Entry<String, List<String>> module : allowedPrefixes.entrySet()) {
            Path sources = ROOT.resolve(module.getKey()).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        if (line.startsWith("import ")) {
                            String imported = line.replace("import static ", "").replace("import ", "");
                            assertTrue(
                                    module.getValue().stream().anyMatch(imported::startsWith),
                                    file + " imports " + imported);
                        }
                    }
                }
            }
        }
    }

    /**
     * scoring-core's packages form layers, each importing only those below it: the shared values (root package), then
     * the model artifact ({@code manifest}), the engine that reads it ({@code rules}), loaded models ({@code model}),
     * and the use cases on top; {@code events} (the event store port) stands beside the artifact layers.
     */
    @Test
    void scoring_core_packages_import_only_the_layers_below_them() throws IOException {
        Map<String, Set<String>> below = Map.of(
                "", Set.of(),
                "manifest", Set.of(""),
                "rules", Set.of("", "manifest"),
                "model", Set.of("", "manifest", "rules"),
                "events", Set.of(""),
                "usecase", Set.of("", "manifest", "rules", "model", "events"));
        Path scoring = ROOT.resolve("scoring-core/src/main/java/com/speeddata/scoring");
        Pattern scoringImport = Pattern.compile("^import com\\.speeddata\\.scoring\\.(?:([a-z]+)\\.)?[A-Z]");
        try (Stream<Path> files = Files.walk(scoring)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String layer = scoring.relativize(file.getParent()).toString();
                assertTrue(below.containsKey(layer), "package not in the layer list: " + layer);
                for (String line : Files.readAllLines(file)) {
                    Matcher imported = scoringImport.matcher(line);
                    if (imported.find()) {
                        String target = imported.group(1) == null ? "" : imported.group(1);
                        assertTrue(below.get(layer).contains(target), file + " imports " + line);
                    }
                }
            }
        }
    }

    /**
     * The export use case ({@code com.speeddata.export}) lives in adapters-http, the first module that sees both
     * pivot-core and job-engine, but knows nothing of HTTP: no web framework, servlet or server type, and of the
     * adapter's own classes only its JSON helpers (the job payload is the request's JSON), which are held to the
     * same rule.
     */
    @Test
    void the_export_use_case_knows_nothing_of_http() throws IOException {
        List<String> frameworks = List.of("io.javalin.", "jakarta.servlet.", "org.eclipse.jetty.");
        List<String> forbidden = Stream.concat(frameworks.stream(), Stream.of("com.speeddata.http."))
                .toList();
        Set<String> jsonHelpers = Set.of(
                "com.speeddata.http.Json", "com.speeddata.http.JsonFields", "com.speeddata.http.RequestFingerprint");
        Path http = ROOT.resolve("adapters-http/src/main/java/com/speeddata/http");
        List<Path> checked = new java.util.ArrayList<>(jsonHelpers.stream()
                .map(helper -> http.resolve(helper.substring(helper.lastIndexOf('.') + 1) + ".java"))
                .toList());
        try (Stream<Path> files = Files.walk(ROOT.resolve("adapters-http/src/main/java/com/speeddata/export"))) {
            checked.addAll(files.filter(f -> f.toString().endsWith(".java")).toList());
        }
        assertTrue(checked.size() > jsonHelpers.size(), "no sources found under com/speeddata/export");
        for (Path file : checked) {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("import ")) {
                    String imported = line.replace("import static ", "")
                            .replace("import ", "")
                            .replace(";", "");
                    assertTrue(
                            jsonHelpers.contains(imported) || forbidden.stream().noneMatch(imported::startsWith),
                            file + " imports " + imported);
                }
            }
            assertTrue(
                    frameworks.stream().noneMatch(Files.readString(file)::contains),
                    file + " names an HTTP type in full");
        }
    }

    @Test
    void adapters_do_not_depend_on_each_other() throws IOException {
        for (String storage : List.of("adapters-storage/files", "adapters-storage/jdbc")) {
            String pom = Files.readString(ROOT.resolve(storage).resolve("pom.xml"));
            assertEquals(-1, pom.indexOf("<artifactId>adapters-http</artifactId>"), storage);
        }
        String http = Files.readString(ROOT.resolve("adapters-http/pom.xml"));
        assertEquals(-1, http.indexOf("<artifactId>adapters-storage"));
    }
}
