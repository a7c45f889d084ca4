package dev.docserve.cli;

import com.sun.net.httpserver.HttpServer;
import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class QuickCommandsTest {

    @TempDir
    Path temp;

    @Test
    void theQuickRouteShouldSetTheSameOptionsAsPicocliForEveryPlainForm() {
        List<String[]> lines = List.of(
                new String[] {"status"},
                new String[] {"status", "--json"},
                new String[] {"status", "--path", "some/dir", "--json"},
                new String[] {"status", "--path=some/dir", "--mode", "shared"},
                new String[] {"status", "--mode=project", "--json", "--path", "x"},
                new String[] {"url"},
                new String[] {"url", "--json", "--path", "x y"},
                new String[] {"url", "--path=x"});
        for (String[] args : lines) {
            QuickCommands.Line quick = QuickCommands.parse(args);
            CommandLine cli = CommandTree.commandLine(args);
            cli.parseArgs(args);
            Object command = cli.getSubcommands().get(args[0]).getCommand();
            ProjectOptions project = command instanceof StatusCommand s ? s.project : ((UrlCommand) command).project;

            assertThat(quick).as(String.join(" ", args)).isNotNull();
            assertThat(quick.command()).isEqualTo(args[0]);
            assertThat(quick.path()).as(String.join(" ", args)).isEqualTo(project.path);
            assertThat(quick.json()).as(String.join(" ", args)).isEqualTo(project.json);
            if (command instanceof StatusCommand status) {
                assertThat(quick.mode()).as(String.join(" ", args)).isEqualTo(status.mode.mode);
            }
        }
    }

    @Test
    void theServeThatStartLaunchesShouldTakeTheQuickRouteWithTheSameOptionsAsPicocli() {
        List<String[]> lines = List.of(
                new String[] {"serve"},
                new String[] {"serve", "--path", "/some/project"},
                new String[] {"serve", "--mode", "project", "--port", "0"},
                new String[] {"serve", "--mode=shared", "--host", "0.0.0.0", "--port=45123"},
                new String[] {"serve", "--path", "x y", "--host=127.0.0.1"});
        for (String[] args : lines) {
            QuickCommands.Line quick = QuickCommands.parse(args);
            CommandLine cli = CommandTree.commandLine(args);
            cli.parseArgs(args);
            ServeCommand serve = (ServeCommand) cli.getSubcommands().get("serve").getCommand();

            assertThat(quick).as(String.join(" ", args)).isNotNull();
            assertThat(quick.command()).isEqualTo("serve");
            assertThat(quick.path()).as(String.join(" ", args)).isEqualTo(serve.path);
            assertThat(quick.mode()).as(String.join(" ", args)).isEqualTo(serve.mode);
            assertThat(quick.host()).as(String.join(" ", args)).isEqualTo(serve.host);
            assertThat(quick.port()).as(String.join(" ", args)).isEqualTo(serve.port);
        }
    }

    @Test
    void everythingButThePlainFormsShouldBeLeftToPicocli() {
        List<String[]> lines = List.of(
                new String[] {},
                new String[] {"--help"},
                new String[] {"--version", "--help"},
                new String[] {"list"},
                new String[] {"stats"},
                new String[] {"status", "--help"},
                new String[] {"status", "-h"},
                new String[] {"status", "--json", "--json"},
                new String[] {"status", "--path"},
                new String[] {"status", "--path", "--json"},
                new String[] {"status", "--path", "a", "--path", "b"},
                new String[] {"status", "--path="},
                new String[] {"status", "--path", "@args"},
                new String[] {"status", "--json=true"},
                new String[] {"status", "extra"},
                new String[] {"status", "--bogus"},
                new String[] {"url", "--mode", "shared"},
                new String[] {"url", "--start"},
                new String[] {"url", "--timeout", "5"},
                new String[] {"serve", "--help"},
                new String[] {"serve", "--json"},
                new String[] {"serve", "--port", "abc"},
                new String[] {"serve", "--port", "-1"},
                new String[] {"serve", "--port", "1", "--port", "2"},
                new String[] {"serve", "--host"},
                new String[] {"serve", "--bogus"});
        for (String[] args : lines) {
            assertThat(QuickCommands.parse(args)).as(String.join(" ", args)).isNull();
        }
        assertThat(QuickCommands.parse("--version")).isNotNull();
        assertThat(QuickCommands.parse("-V")).isNotNull();
    }

    /**
     * The point of the quick route, checked in a child JVM against a stand-in server: a real
     * {@code status --json} (process alive, {@code /health} answering as the recorded instance) and
     * {@code url} load neither picocli nor Jackson databind nor {@code HttpURLConnection}, and
     * {@code status} asks {@code /health} once.
     */
    @Test
    void statusAndUrlShouldAnswerWithoutLoadingPicocliDatabindOrHttpUrlConnection() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext("/health", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            String body = "/health/status".equals(exchange.getRequestURI().getPath())
                    ? "{\"total_documents\":3,\"total_chunks\":7,\"indexing_in_progress\":false}"
                    : "{\"status\":\"healthy\",\"instance_id\":\"ds_quick1\",\"version\":\"9.9\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            Path project = Files.createDirectories(temp.resolve("project"));
            Files.createDirectories(project.resolve(".git"));
            Path stateDir = Files.createDirectories(project.resolve(".claude").resolve("doc-serve"));
            RuntimeFile.write(stateDir.resolve("runtime.json"), RuntimeState.process("project", project.toRealPath(),
                    "ds_quick1", "127.0.0.1", server.getAddress().getPort(), ProcessHandle.current().pid(), Instant.now()));

            Run status = runMain(project, "status", "--json", "--path", project.toString());
            assertThat(status.exitCode()).as(status.stderr()).isZero();
            assertThat(status.stdout()).contains("\"running\" : true", "\"total_chunks\" : 7", "\"version\" : \"9.9\"");
            assertThat(status.loadedClasses()).noneMatch(QuickCommandsTest::heavy);
            assertThat(requests).as("the lookup's /health answer is shown, not asked for again")
                    .containsExactly("/health", "/health/status");

            Run url = runMain(project, "url");
            assertThat(url.stdout().strip()).isEqualTo("http://127.0.0.1:" + server.getAddress().getPort());
            assertThat(url.loadedClasses()).noneMatch(QuickCommandsTest::heavy);
        } finally {
            server.stop(0);
        }
    }

    private static boolean heavy(String className) {
        return className.startsWith("picocli.") || className.startsWith("com.fasterxml.jackson.databind.")
                || className.equals("sun.net.www.protocol.http.HttpURLConnection");
    }

    private record Run(int exitCode, String stdout, String stderr, List<String> loadedClasses) {
    }

    private Run runMain(Path workingDir, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(temp, "classes", ".log");
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                "dev.docserve.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("DOC_SERVE_HOME", temp.resolve("home").toString());
        builder.environment().remove("DOC_SERVE_TOKEN");
        builder.environment().remove("DOC_SERVE_TOKEN_FILE");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> classes = Files.readAllLines(log).stream()
                .map(line -> line.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\] ", ""))
                .map(line -> line.split(" ", 2)[0]).toList();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err), classes);
    }
}
