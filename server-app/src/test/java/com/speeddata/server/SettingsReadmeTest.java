package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README.md's settings table and {@link Settings} say the same: names, defaults, descriptions, order. */
class SettingsReadmeTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void the_readme_settings_table_is_the_settings_table_in_the_code() throws IOException {
        List<String> code = Settings.ALL.stream().map(Setting::readmeRow).toList();
        assertEquals(
                String.join("\n", code),
                String.join("\n", settingRows(Files.readString(README))),
                "README.md's settings table differs from Settings.ALL; the expected rows come first");
    }

    @Test
    void the_rows_are_read_from_the_settings_section_only() {
        String markdown =
                "# x\n| `OTHER` | `1` | not a setting |\n## Settings\n\ntext\n\n| variable | default | meaning |\n"
                        + "|---|---|---|\n| `PORT` | `8000` | HTTP port |\n\n## Next\n| `LATER` | `2` | elsewhere |\n";
        assertEquals(List.of("| `PORT` | `8000` | HTTP port |"), settingRows(markdown));
    }

    @Test
    void every_setting_constant_is_in_the_table_once() throws IllegalAccessException {
        List<Object> constants = new java.util.ArrayList<>();
        for (Field field : Settings.class.getDeclaredFields()) {
            if (field.getType() == Setting.class && Modifier.isStatic(field.getModifiers())) {
                constants.add(field.get(null));
            }
        }
        assertEquals(constants.size(), Settings.ALL.size());
        assertTrue(Settings.ALL.containsAll(constants));
        assertEquals(
                Settings.ALL.size(),
                new HashSet<>(Settings.ALL.stream().map(Setting::name).toList()).size(),
                "names are unique");
    }

    @Test
    void the_start_log_shows_every_setting_of_the_table() {
        assertEquals(
                Settings.ALL.stream().map(Setting::name).toList(),
                List.copyOf(ServerConfig.fromEnvironment(java.util.Map.of())
                        .describe()
                        .keySet()));
    }

    /** The table rows ({@code | `NAME` | ...}) of the "## Settings" section. */
    static List<String> settingRows(String markdown) {
        List<String> lines = Arrays.asList(markdown.split("\n", -1));
        int start = lines.indexOf("## Settings");
        assertTrue(start >= 0, "no '## Settings' section");
        return lines.subList(start + 1, lines.size()).stream()
                .takeWhile(line -> !line.startsWith("## "))
                .filter(line -> line.startsWith("| `"))
                .toList();
    }
}
