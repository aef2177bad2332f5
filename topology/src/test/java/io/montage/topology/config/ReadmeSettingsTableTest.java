package io.montage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's settings table is the one {@link MontageConfig} declares, so the two cannot drift. */
class ReadmeSettingsTableTest {

    @Test
    void theReadmeHoldsTheGeneratedSettingsTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int begin = readme.indexOf(SettingsTable.BEGIN);
        int end = readme.indexOf(SettingsTable.END);
        assertThat(begin).as("README.md has the settings table's first marker").isNotNegative();
        assertThat(end).as("README.md has the settings table's last marker").isGreaterThan(begin);
        assertThat(readme.substring(begin, end + SettingsTable.END.length()) + "\n")
                .as("README.md's settings table differs from MontageConfig's declarations: replace the"
                        + " lines from its first marker to its last with the output of ./montage settings")
                .isEqualTo(SettingsTable.markdown());
    }

    @Test
    void everyDeclaredSettingHasARowWithItsDocumentation() {
        String table = SettingsTable.markdown();
        MontageConfig.CONFIG.configKeys().values().forEach(key -> {
            assertThat(table).contains("| `" + key.name + "` |");
            assertThat(key.documentation).as(key.name + " is documented").isNotBlank();
        });
    }
}
