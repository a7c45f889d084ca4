package dev.docserve.lifecycle.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    void aServerShouldCompileWithC1OnlyUnlessTheUserAsksForC2() throws IOException, InterruptedException {
        assertThat(ServerJvmOptions.forServer(null)).contains("-XX:TieredStopAtLevel=1");
        assertThat(ServerJvmOptions.forServer("-XX:TieredStopAtLevel=4"))
                .as("the JVM takes an option's last value: the user's comes last")
                .containsSubsequence("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=4").endsWith("-XX:TieredStopAtLevel=4");
        assertThat(finalFlag(ServerJvmOptions.forServer(null), "TieredStopAtLevel")).isEqualTo("1");
        assertThat(finalFlag(ServerJvmOptions.forServer("-XX:TieredStopAtLevel=4"), "TieredStopAtLevel")).isEqualTo("4");
    }

    /** The value a real JVM started with these options settles on ({@code -XX:+PrintFlagsFinal}). */
    private static String finalFlag(List<String> options, String flag) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServerLauncher.javaBinary()));
        command.addAll(options);
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes());
        java.waitFor();
        Matcher value = Pattern.compile("(?m)^\\s*\\S+\\s+" + flag + "\\s+=\\s+(\\S+)").matcher(output);
        assertThat(value.find()).as(output).isTrue();
        return value.group(1);
    }

    @Test
    void theLauncherScriptShouldSpellTheSameDefaults() throws IOException {
        String script = Files.readString(Path.of("src/main/dist/doc-serve"));
        Matcher line = Pattern.compile("(?m)^serve_opts=\"([^\"]*)\"$").matcher(script);
        assertThat(line.find()).as("the serve_opts line of src/main/dist/doc-serve").isTrue();
        assertThat(line.group(1)).isEqualTo(String.join(" ", ServerJvmOptions.DEFAULTS));
    }
}
