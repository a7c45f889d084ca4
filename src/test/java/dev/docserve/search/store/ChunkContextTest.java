package dev.docserve.search.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkContextTest {

    @Test
    void shouldGiveBm25TheWholePathHeadingAndSymbolOneALine() {
        ChunkContext context = ChunkContext.of("docs/server_configuration.rst", "Server > Threading", "Config.threads");

        assertThat(context.prefix("text")).isEqualTo("docs/server_configuration.rst\nServer > Threading\nConfig.threads\n\ntext");
    }

    @Test
    void shouldGiveTheModelTheFileNameNotItsFolders() {
        assertThat(ChunkContext.forEmbedding("docs/install.md", "Install > Linux", null).header())
                .isEqualTo("install.md\nInstall > Linux\n\n");
    }

    @Test
    void shouldLeaveOutAFileNameThatHoldsNoWord() {
        assertThat(ChunkContext.forEmbedding("corpus/4983.txt", null, null).header()).isEmpty();
        assertThat(ChunkContext.forEmbedding("notes/2024-01-05.md", "Standup", null).header()).isEqualTo("Standup\n\n");
        assertThat(ChunkContext.forEmbedding("notes/v2.md", null, null).header()).isEqualTo("v2.md\n\n");
    }

    @Test
    void shouldWriteNoHeaderWithoutContext() {
        assertThat(ChunkContext.of(null, null, " ").prefix("text")).isEqualTo("text");
    }
}
