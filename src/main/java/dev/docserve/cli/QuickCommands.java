package dev.docserve.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Runs the command lines that scripts and agents call most ({@code status}, {@code url},
 * {@code --version}), and the {@code serve} that {@code start} launches, without picocli.
 *
 * <p>Why: picocli 4.7 ships Java 5 class files, which neither class-data archive can hold, and finding
 * its jar opens most of the class path; building even one command's model cost ~0.2 s of CPU before
 * the command ran (~0.1 s of a server's 1.6 s start). Only the plain forms are handled here:
 * {@code status [--json] [--path DIR] [--mode MODE]}, {@code url [--json] [--path DIR]},
 * {@code serve [--path DIR] [--mode MODE] [--host HOST] [--port N]} and {@code --version} alone, each
 * option at most once and with values that do not look like options or argument files. Anything
 * else (help, {@code url --start}, typos, repeated options) returns empty and goes to picocli, which
 * owns usage errors and help. {@code QuickCommandsTest} checks that both routes set the same options.
 */
final class QuickCommands {

    /** A recognised command line; {@code command} is null for {@code --version}; host and port: {@code serve} only. */
    record Line(String command, Path path, boolean json, String mode, String host, Integer port) {
    }

    /** The options that take a value, as {@code --name value} or {@code --name=value}. */
    private static final Set<String> VALUED = Set.of("--path", "--mode", "--host", "--port");

    private QuickCommands() {
    }

    /** The exit code when the command line was one of the plain forms, else empty. */
    static OptionalInt run(String... args) {
        Line line = parse(args);
        if (line == null) {
            return OptionalInt.empty();
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        if (line.command() == null) {
            out.println(AppVersion.line());
            out.flush();
            return OptionalInt.of(ExitCodes.OK);
        }
        Output output = Output.forProcess(out, err, line.json());
        ProjectOptions project = ProjectOptions.of(line.path(), line.json(), output);
        Callable<Integer> command;
        if ("serve".equals(line.command())) {
            ServeCommand serve = new ServeCommand();
            serve.path = line.path();
            serve.mode = line.mode();
            serve.host = line.host();
            serve.port = line.port();
            command = serve;
        } else if ("status".equals(line.command())) {
            StatusCommand status = new StatusCommand();
            status.project = project;
            status.mode = ModeOption.of(line.mode());
            command = status;
        } else {
            UrlCommand url = new UrlCommand();
            url.project = project;
            command = url;
        }
        try {
            return OptionalInt.of(command.call());
        } catch (Exception e) {
            return OptionalInt.of(CliErrors.handle(e, out, err, line.json()));
        }
    }

    /** The command line's plain form, or null when picocli must parse it. */
    static Line parse(String... args) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            return new Line(null, null, false, null, null, null);
        }
        if (args.length == 0 || !("status".equals(args[0]) || "url".equals(args[0]) || "serve".equals(args[0]))) {
            return null;
        }
        String command = args[0];
        boolean serve = "serve".equals(command);
        Boolean json = null;
        String path = null;
        String mode = null;
        String host = null;
        String port = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            String name = arg;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (VALUED.contains(arg) && i + 1 < args.length) {
                value = args[++i];
            }
            if (!serve && "--json".equals(arg) && json == null) {
                json = true;
            } else if ("--path".equals(name) && path == null && plainValue(value)) {
                path = value;
            } else if (!"url".equals(command) && "--mode".equals(name) && mode == null && plainValue(value)) {
                mode = value;
            } else if (serve && "--host".equals(name) && host == null && plainValue(value)) {
                host = value;
            } else if (serve && "--port".equals(name) && port == null && value != null && value.matches("\\d{1,5}")) {
                port = value;
            } else {
                return null;
            }
        }
        try {
            return new Line(command, path == null ? null : Path.of(path), json != null, mode, host,
                    port == null ? null : Integer.valueOf(port));
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** picocli reads {@code -x} as an option and {@code @file} as an argument file: leave those to it. */
    private static boolean plainValue(String value) {
        return value != null && !value.isEmpty() && !value.startsWith("-") && !value.startsWith("@");
    }
}
