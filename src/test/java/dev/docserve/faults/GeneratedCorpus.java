package dev.docserve.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Markdown files of seeded pseudo-words: enough text to keep a real indexer busy for a few seconds. */
final class GeneratedCorpus {

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ten", "ra", "vus", "el", "dor", "pi", "nex", "sa", "ul"};

    private GeneratedCorpus() {
    }

    static Path write(Path folder, int files, int wordsPerFile, Random random) throws IOException {
        Files.createDirectories(folder);
        for (int f = 0; f < files; f++) {
            StringBuilder text = new StringBuilder("# Note ").append(f).append("\n\n");
            for (int w = 0; w < wordsPerFile; w++) {
                text.append(word(random)).append(w % 12 == 11 ? ".\n" : " ");
                if (w % 120 == 119) {
                    text.append("\n## Part ").append(w / 120).append("\n\n");
                }
            }
            Files.writeString(folder.resolve(String.format("note-%04d.md", f)), text.append('\n'));
        }
        return folder;
    }

    private static String word(Random random) {
        StringBuilder word = new StringBuilder();
        int syllables = 1 + random.nextInt(3);
        for (int s = 0; s < syllables; s++) {
            word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return word.toString();
    }
}
