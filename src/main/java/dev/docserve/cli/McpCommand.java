package dev.docserve.cli;

import dev.docserve.mcp.relay.InstanceUpstream;
import dev.docserve.mcp.relay.McpRelay;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code doc-serve mcp}: the stdio MCP server that agent clients launch (Claude Code, Cursor, Codex). A
 * light relay to the project's instance, which it finds or starts; ten sessions share one server.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serve MCP over stdio for agent clients, relayed to the project's doc-serve instance (started if needed).")
public class McpCommand implements Callable<Integer> {

    @Option(names = "--path", paramLabel = "DIR",
            description = "Serve the project holding DIR (default: the working directory).")
    Path path;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "60",
            description = "Seconds to wait for the instance to start (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws IOException {
        // stdout carries protocol messages only: anything else printed there would corrupt the stream.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(System.err);
        Path project = path == null ? Path.of("") : path;
        return new McpRelay(new InstanceUpstream(project, Duration.ofSeconds(timeoutSeconds)), System.in, protocol,
                System.err).run();
    }
}
