package com.speeddata.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** House rule: the cores import only java.* and declare no dependencies. */
class CoreImportsOnlyJdkTest {

    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void main_sources_import_only_java_packages() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.walk(MAIN)) {
            offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream()
                                    .map(String::strip)
                                    .filter(line -> line.startsWith("import ")
                                            && !line.startsWith("import java.")
                                            && !line.startsWith("import static java.")
                                            && !line.startsWith("import com.speeddata.scoring."))
                                    .map(line -> f + ": " + line);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }
        assertEquals(List.of(), offending);
    }

    @Test
    void pom_declares_no_compile_dependencies() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String dependencies = pom.substring(pom.indexOf("<dependencies>"), pom.indexOf("</dependencies>"));
        assertFalse(dependencies.contains("<dependency>"), dependencies);
    }
}
