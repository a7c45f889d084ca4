package dev.docserve.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveTrainingTest {

    @TempDir
    Path dir;

    /** The archive only learns the success paths if the stand-in server is taken for a running instance. */
    @Test
    void trainingShouldWalkTheRunningPathsAndTheNotRunningOne() throws IOException {
        assertThat(ArchiveTraining.train(dir)).containsExactly(ExitCodes.OK, ExitCodes.OK, ExitCodes.OK,
                ExitCodes.NOT_RUNNING, ExitCodes.OK);
    }
}
