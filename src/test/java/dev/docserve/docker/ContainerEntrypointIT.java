package dev.docserve.docker;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.docserve.json.Json;
import dev.docserve.testing.DocServeProcess;
import dev.docserve.testing.Eventually;
import dev.docserve.testing.Http;
import dev.docserve.testing.Ports;
import dev.docserve.testing.SharedDaemon;
import dev.docserve.testing.TempProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs on the build machines, so this runs what the image runs: the Dockerfile's
 * exact ENTRYPOINT and ENV, with the image's paths mapped to this machine ({@code /app/} to the
 * packaged app, {@code /data} to a temp folder) and the token given as a mounted secret file. Only
 * the port differs ({@code DOC_SERVE_PORT}, which the HEALTHCHECK honours too), so a test never takes
 * the real 45123.
 */
class ContainerEntrypointIT {

    private static final Path DOCKERFILE = Path.of("docker/Dockerfile");
    private static final String TOKEN = "container-token-8e2d";

    @TempDir
    Path temp;

    @Test
    void shouldServeTheProbesOpenlyAndEverythingElseOnlyWithTheToken() throws Exception {
        Dockerfile image = Dockerfile.parse(Files.readAllLines(DOCKERFILE));
        assertThat(image.entrypoint()).startsWith("java", "-jar", "/app/quarkus-run.jar", "serve", "--mode", "shared")
                .contains("0.0.0.0");
        assertThat(image.env()).containsEntry("DOC_SERVE_HOME", "/data");
        assertThat(image.user()).isNotBlank().isNotEqualTo("root").isNotEqualTo("0");

        Path data = Files.createDirectories(temp.resolve("data"));
        Path app = DocServeProcess.jar().getParent();
        Path secret = Files.writeString(temp.resolve("doc_serve_token"), TOKEN + "\n");
        int port = Ports.free();
        Map<String, String> env = new HashMap<>();
        image.env().forEach((key, value) -> env.put(key, mapPaths(value, app, data)));
        env.put("DOC_SERVE_TOKEN_FILE", secret.toString());
        env.put("DOC_SERVE_PORT", String.valueOf(port));
        List<String> command = new ArrayList<>();
        for (String word : image.entrypoint()) {
            command.add(mapPaths(word, app, data));
        }
        command.set(0, ProcessHandle.current().info().command().orElse("java"));

        Process daemon = start(command, env, mapPaths(image.workdir(), app, data));
        try {
            Http anonymous = new Http("http://127.0.0.1:" + port);
            Eventually.await("the readiness probe", SharedDaemon.START, () -> {
                if (!daemon.isAlive()) {
                    throw new AssertionError("the entrypoint exited with " + daemon.exitValue() + ": " + read(temp.resolve("err")));
                }
                try {
                    return anonymous.get("/q/health/ready").status() == 200;
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            assertThat(data.resolve("runtime.json")).as("the shared home is the /data volume").exists();
            assertThat(anonymous.get("/q/health/live").status()).isEqualTo(200);
            assertThat(anonymous.get("/q/health/started").status()).isEqualTo(200);
            assertThat(anonymous.get("/projects").status()).isEqualTo(401);
            assertThat(anonymous.get("/health").status()).isEqualTo(401);
            Http authorized = anonymous.withToken(TOKEN);
            assertThat(authorized.get("/projects").status()).isEqualTo(200);
            assertThat(authorized.get("/health").json().path("mode").asText()).isEqualTo("shared");
            Path project = TempProject.gitProject(temp, "mounted-project");
            assertThat(authorized.post("/projects", Map.of("project_root", project.toString())).status()).isEqualTo(200);
            assertThat(data.resolve("projects")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("p_"));

            if (onPath("curl") && onPath("sh")) {
                ProcessBuilder healthcheck = new ProcessBuilder("sh", "-c", image.healthcheck()).redirectErrorStream(true);
                healthcheck.environment().putAll(env);
                Process check = healthcheck.start();
                assertThat(check.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(check.exitValue()).as("HEALTHCHECK: " + image.healthcheck()).isZero();
            }

            daemon.destroy();
            assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).as("docker stop sends SIGTERM").isTrue();
            assertThat(daemon.exitValue()).isZero();
            assertThat(TempProject.stateDir(project).resolve("runtime.json")).doesNotExist();
            assertThat(read(temp.resolve("out")) + read(temp.resolve("err"))).doesNotContain(TOKEN);
        } finally {
            daemon.destroyForcibly();
        }
    }

    private Process start(List<String> command, Map<String, String> env, String workdir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of(workdir).toFile())
                .redirectOutput(temp.resolve("out").toFile())
                .redirectError(temp.resolve("err").toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("DOC_SERVE_TOKEN");
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The image's paths on this machine: the app folder and the data volume. */
    private static String mapPaths(String value, Path app, Path data) {
        if (value.equals("/app") || value.startsWith("/app/")) {
            return app + value.substring("/app".length());
        }
        if (value.equals("/data") || value.startsWith("/data/")) {
            return data + value.substring("/data".length());
        }
        return value;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(":")).stream().anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** The few instructions of the Dockerfile this test runs: ENV, WORKDIR, USER, HEALTHCHECK, ENTRYPOINT. */
    record Dockerfile(Map<String, String> env, String workdir, String user, String healthcheck, List<String> entrypoint) {

        static Dockerfile parse(List<String> lines) throws IOException {
            Map<String, String> env = new HashMap<>();
            String workdir = "/";
            String user = "root";
            String healthcheck = null;
            List<String> entrypoint = null;
            for (String line : joinContinuations(lines)) {
                String[] parts = line.strip().split("\\s+", 2);
                if (parts.length < 2) {
                    continue;
                }
                switch (parts[0].toUpperCase()) {
                    case "ENV" -> {
                        for (String pair : parts[1].split("\\s+")) {
                            int eq = pair.indexOf('=');
                            env.put(pair.substring(0, eq), pair.substring(eq + 1));
                        }
                    }
                    case "WORKDIR" -> workdir = parts[1].strip();
                    case "USER" -> user = parts[1].strip();
                    case "HEALTHCHECK" -> healthcheck = parts[1].substring(parts[1].indexOf("CMD ") + "CMD ".length()).strip();
                    case "ENTRYPOINT" -> entrypoint = Json.mapper().readValue(parts[1], new TypeReference<List<String>>() { });
                    default -> { }
                }
            }
            if (entrypoint == null || healthcheck == null) {
                throw new AssertionError("the Dockerfile needs an exec-form ENTRYPOINT and a HEALTHCHECK CMD");
            }
            return new Dockerfile(env, workdir, user, healthcheck, entrypoint);
        }

        private static List<String> joinContinuations(List<String> lines) {
            List<String> joined = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : lines) {
                if (line.strip().startsWith("#")) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    current.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                joined.add(current.append(line).toString());
                current.setLength(0);
            }
            return joined;
        }
    }
}
