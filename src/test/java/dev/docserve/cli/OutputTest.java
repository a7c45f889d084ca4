package dev.docserve.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutputTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Output output(boolean json, boolean terminal, boolean colour) {
        return new Output(new PrintWriter(out), new PrintWriter(err), json, terminal, colour);
    }

    @Test
    void tableShouldBeTabSeparatedWithoutHeaderWhenStdoutIsNotATerminal() {
        output(false, false, true).table(List.of("MODE", "URL"), List.of(List.of("project", "http://a"), List.of("shared", "http://b")));

        assertThat(out.toString()).isEqualTo("project\thttp://a\nshared\thttp://b\n");
    }

    @Test
    void tableShouldAlignColumnsUnderAHeaderOnATerminal() {
        List<String> lines = Output.tableLines(List.of("MODE", "URL"),
                List.of(List.of("project", "http://a"), List.of("x", "http://bb")), true, false);

        assertThat(lines).containsExactly("MODE     URL", "project  http://a", "x        http://bb");
    }

    @Test
    void colourShouldOnlyBeUsedOnATerminalAndNeverWithJson() {
        assertThat(output(false, true, true).style(Output.Style.GREEN, "ok")).isEqualTo("\u001b[32mok\u001b[0m");
        assertThat(output(false, false, true).style(Output.Style.GREEN, "ok")).isEqualTo("ok");
        assertThat(output(true, true, true).style(Output.Style.GREEN, "ok")).isEqualTo("ok");
        assertThat(output(false, true, false).style(Output.Style.GREEN, "ok")).isEqualTo("ok");
    }

    @Test
    void jsonModeShouldPrintOnlyTheDocumentOnStdout() {
        Output output = output(true, true, true);

        output.println("human text");
        output.note("a note");
        output.table(List.of("A"), List.of(List.of("x")));
        output.printJson(java.util.Map.of("base_url", "http://a"));

        assertThat(out.toString()).isEqualTo("{\n  \"base_url\" : \"http://a\"\n}\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void notesShouldGoToStderrOnlyOnATerminal() {
        output(false, false, true).note("starting");
        assertThat(err.toString()).isEmpty();

        output(false, true, true).note("starting");
        assertThat(err.toString()).isEqualTo("starting\n");
        assertThat(out.toString()).isEmpty();
    }
}
