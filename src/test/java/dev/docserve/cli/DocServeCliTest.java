package dev.docserve.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class DocServeCliTest {

    @Test
    void rootHelpShouldListEveryCommandAndTheExitCodes() {
        StringWriter out = new StringWriter();
        CommandLine root = CommandTree.commandLine("--help");
        root.setOut(new PrintWriter(out));

        assertThat(root.execute("--help")).isZero();

        assertThat(out.toString()).contains("init", "start", "stop", "status", "list", "url", "serve")
                .contains("3 not running");
    }

    @Test
    void everyClientCommandShouldOfferHelpPathAndJson() {
        CommandTree.commands().keySet().stream().filter(name -> !"serve".equals(name)).forEach(name -> {
            CommandLine command = CommandTree.commandLine(name).getSubcommands().get(name);
            assertThat(command.getCommandSpec().findOption("--help")).as(name).isNotNull();
            if (!PROTOCOL_SERVERS.contains(name)) {
                assertThat(command.getCommandSpec().findOption("--json")).as(name).isNotNull();
            }
            if (!MEASURING_TOOLS.contains(name)) {
                assertThat(command.getCommandSpec().findOption("--path")).as(name).isNotNull();
            }
        });
    }

    /** mcp speaks JSON-RPC on stdout for its whole life: every line is protocol, so --json has nothing to change. */
    private static final java.util.Set<String> PROTOCOL_SERVERS = java.util.Set.of("mcp");

    /** eval and bench measure a collection in a temporary store of their own: no project to name. */
    private static final java.util.Set<String> MEASURING_TOOLS = java.util.Set.of("eval", "bench");

    @Test
    void aCommandLineNamingOneCommandShouldBuildOnlyThatOne() {
        assertThat(CommandTree.commandLine("status", "--json").getSubcommands()).containsOnlyKeys("status");
        assertThat(CommandTree.commandLine("stats").getSubcommands()).hasSize(CommandTree.commands().size());
    }

    @Test
    void anUnknownOptionShouldBeAUsageErrorWithExitTwoAndOneLineSayingWhereHelpIs() {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cli = CommandTree.commandLine("status", "--bogus", "--json");
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("status", "--bogus", "--json")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).isEqualTo("doc-serve: Unknown option: '--bogus'; see 'doc-serve status --help'\n");
        assertThat(out.toString()).contains("\"exit_code\" : 2");
    }
}
