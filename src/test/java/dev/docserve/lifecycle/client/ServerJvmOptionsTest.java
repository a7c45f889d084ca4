package dev.docserve.lifecycle.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ServerJvmOptionsTest {

    @Test
    void aServerShouldGetTheFootprintDefaultsThenTheUsersOptions() {
        assertThat(ServerJvmOptions.forServer(null)).isEqualTo(ServerJvmOptions.DEFAULTS);
        assertThat(ServerJvmOptions.forServer("  -Xmx2g  -Dx=1 ")).containsSubsequence("-XX:+UseSerialGC", "-Xms16m", "-Xmx2g", "-Dx=1")
                .endsWith("-Xmx2g", "-Dx=1");
    }

    @Test
    void aCollectorChosenByTheUserShouldReplaceTheDefaultOneSinceTheJvmRefusesTwo() {
        assertThat(ServerJvmOptions.forServer("-XX:+UseG1GC -XX:G1PeriodicGCInterval=60000"))
                .doesNotContain("-XX:+UseSerialGC").contains("-Xms16m", "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=60000");
        assertThat(ServerJvmOptions.forServer("-XX:+DisableExplicitGC")).contains("-XX:+UseSerialGC", "-XX:+DisableExplicitGC");
    }

    @Test
    void theLauncherScriptShouldSpellTheSameDefaults() throws IOException {
        String script = Files.readString(Path.of("src/main/dist/doc-serve"));
        Matcher line = Pattern.compile("(?m)^serve_opts=\"([^\"]*)\"$").matcher(script);
        assertThat(line.find()).as("the serve_opts line of src/main/dist/doc-serve").isTrue();
        assertThat(line.group(1)).isEqualTo(String.join(" ", ServerJvmOptions.DEFAULTS));
    }
}
