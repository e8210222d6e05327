package io.consentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each module ships its own Flyway migrations into one version line; new ones go into the module's own range (command
 * {@code V1_1xx}, query {@code V1_2xx}, app {@code V1_3xx}), so that work on two modules at once cannot take the same
 * version. The migrations written before the ranges (below {@code V1_100}) keep their versions.
 */
class MigrationRangesTest {

    private static final int FIRST_RANGED = 100;

    private static final Map<String, Integer> RANGE_OF_MODULE =
            Map.of("consent-command", 100, "consent-query", 200, "consent-app", 300);

    private static final Pattern VERSION = Pattern.compile("^V1_(\\d+)__\\w+\\.(sql|java)$");

    @Test
    void everyNewMigrationIsInItsModulesRange() throws IOException {
        List<String> outOfRange = new ArrayList<>();
        for (Map.Entry<String, Integer> module : RANGE_OF_MODULE.entrySet()) {
            for (Path migration : migrationsOf(module.getKey())) {
                Matcher matcher = VERSION.matcher(migration.getFileName().toString());
                assertThat(matcher.matches())
                        .as("%s is named V1_<n>__<description>", migration)
                        .isTrue();
                int version = Integer.parseInt(matcher.group(1));
                int first = module.getValue();
                if (version >= FIRST_RANGED && (version < first || version >= first + 100)) {
                    outOfRange.add(
                            migration + " (" + module.getKey() + " takes V1_" + first + "–V1_" + (first + 99) + ")");
                }
            }
        }
        assertThat(outOfRange).isEmpty();
    }

    @Test
    void findsTheMigrationsOfEveryModule() throws IOException {
        for (String module : RANGE_OF_MODULE.keySet()) {
            assertThat(migrationsOf(module)).as(module).isNotEmpty();
        }
    }

    /** The SQL and Java migrations in the module's sources (the test runs in consent-app's directory). */
    private static List<Path> migrationsOf(String module) throws IOException {
        Path root = Path.of("..", module, "src", "main").normalize();
        List<Path> found = new ArrayList<>();
        for (String kind : List.of("resources", "java")) {
            Path migrations = root.resolve(kind).resolve("db").resolve("migration");
            if (Files.isDirectory(migrations)) {
                try (Stream<Path> files = Files.walk(migrations)) {
                    files.filter(Files::isRegularFile).forEach(found::add);
                }
            }
        }
        return found;
    }
}
