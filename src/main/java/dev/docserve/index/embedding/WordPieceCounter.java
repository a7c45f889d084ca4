package dev.docserve.index.embedding;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Counts the word pieces of BERT's uncased tokenizer (the vocabulary bge-small and MiniLM share) in
 * plain Java, giving the same count as the Hugging Face tokenizer that LangChain4j's
 * {@code HuggingFaceTokenCountEstimator} calls through DJL, without special tokens.
 *
 * <p>Why: chunking asks for counts ~10 times per chunk (LangChain4j's recursive splitter counts every
 * paragraph, sentence and overlap candidate), and the native call built a full encoding each time (ids,
 * token strings, offsets, masks copied into Java). On the read-ahead thread that cost a core's worth of
 * time the model needed. The steps are those of the tokenizer's {@code tokenizer.json}: the
 * {@code BertNormalizer} (clean text, space around CJK ideographs, lowercase, strip accents), the
 * {@code BertPreTokenizer} (split on whitespace, isolate punctuation) and greedy longest-match
 * {@code WordPiece} with {@code ##} continuations, {@code [UNK]} for a word it cannot cover or longer
 * than 100 characters. The special tokens written literally in a text ({@code [CLS]} …) count as one
 * each, as the tokenizer matches them before normalising. Pinned against the native tokenizer by
 * {@code WordPieceCounterTest}.
 */
public final class WordPieceCounter implements TokenCountEstimator {

    /** The vocabulary file LangChain4j's embeddings artifact ships beside {@code bert-tokenizer.json}. */
    static final String BERT_VOCABULARY = "/bert-vocabulary-en.txt";
    private static final int MAX_WORD_CHARS = 100;
    private static final List<String> SPECIAL_TOKENS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private final Set<String> words;
    private final Set<String> continuations;

    private WordPieceCounter(Set<String> words, Set<String> continuations) {
        this.words = words;
        this.continuations = continuations;
    }

    /** The bert-base-uncased vocabulary from the class path. */
    public static WordPieceCounter bertBaseUncased() {
        try (InputStream in = WordPieceCounter.class.getResourceAsStream(BERT_VOCABULARY)) {
            if (in == null) {
                throw new EmbeddingException(BERT_VOCABULARY + " is not on the class path; is langchain4j-embeddings missing?");
            }
            return fromVocabulary(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BERT_VOCABULARY, e);
        }
    }

    static WordPieceCounter fromVocabulary(InputStream vocabulary) throws IOException {
        Set<String> words = new HashSet<>(40_000);
        Set<String> continuations = new HashSet<>(8_000);
        BufferedReader reader = new BufferedReader(new InputStreamReader(vocabulary, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("##") && line.length() > 2) {
                continuations.add(line.substring(2));
            } else {
                words.add(line);
            }
        }
        return new WordPieceCounter(words, continuations);
    }

    @Override
    public int estimateTokenCountInText(String text) {
        int count = 0;
        int from = 0;
        while (true) {
            int special = -1;
            String found = null;
            for (String token : SPECIAL_TOKENS) {
                int at = text.indexOf(token, from);
                if (at >= 0 && (special < 0 || at < special)) {
                    special = at;
                    found = token;
                }
            }
            if (found == null) {
                return count + countPlain(text, from, text.length());
            }
            count += countPlain(text, from, special) + 1;
            from = special + found.length();
        }
    }

    /** Normalises and pre-tokenises {@code text[from, to)} on the fly, one word at a time. */
    private int countPlain(String text, int from, int to) {
        int count = 0;
        StringBuilder word = new StringBuilder();
        int i = from;
        while (i < to) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == 0 || c == 0xFFFD || isControl(c)) {
                continue;
            }
            if (isWhitespace(c) || isChinese(c)) {
                count += flush(word);
                if (isChinese(c)) {
                    count += pieces(normalise(new String(Character.toChars(c))));
                }
                continue;
            }
            word.appendCodePoint(c);
        }
        return count + flush(word);
    }

    /** A whitespace-free run: normalised (lowercase, accents stripped), then split around punctuation. */
    private int flush(StringBuilder raw) {
        if (raw.length() == 0) {
            return 0;
        }
        String normalised = normalise(raw.toString());
        raw.setLength(0);
        int count = 0;
        int start = 0;
        int i = 0;
        while (i < normalised.length()) {
            int c = normalised.codePointAt(i);
            int next = i + Character.charCount(c);
            // Lowercasing or stripping can turn a character into whitespace; the pre-tokenizer then splits there.
            if (isPunctuation(c) || isWhitespace(c)) {
                count += pieces(normalised.substring(start, i));
                if (isPunctuation(c)) {
                    count += pieces(normalised.substring(i, next));
                }
                start = next;
            }
            i = next;
        }
        return count + pieces(normalised.substring(start));
    }

    /** The normaliser's order: accents stripped (NFD, nonspacing marks dropped), then lowercased. */
    private static String normalise(String text) {
        if (isPlainAscii(text)) {
            return text.toLowerCase(Locale.ROOT);
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        // Character by character, as the tokenizer lowercases: no context rules (a word-final Σ becomes σ, not ς).
        decomposed.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .forEach(c -> out.append(new String(Character.toChars(c)).toLowerCase(Locale.ROOT)));
        return out.toString();
    }

    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Greedy longest-match-first word pieces of one word; a word it cannot cover is one {@code [UNK]}. */
    private int pieces(String word) {
        if (word.isEmpty()) {
            return 0;
        }
        if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
            return 1;
        }
        int count = 0;
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            boolean matched = false;
            while (end > start) {
                String piece = word.substring(start, end);
                if (start == 0 ? words.contains(piece) : continuations.contains(piece)) {
                    matched = true;
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (!matched) {
                return 1;
            }
            count++;
            start = end;
        }
        return count;
    }

    /** Rust's {@code char::is_whitespace} (Unicode White_Space), which the Hugging Face tokenizer uses. */
    static boolean isWhitespace(int c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /** Unicode category C* except tab, newline and carriage return (the normaliser's clean_text). */
    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }

    /** ASCII punctuation or Unicode category P*. */
    private static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The CJK ideograph blocks BERT's normaliser surrounds with spaces. */
    private static boolean isChinese(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        throw new UnsupportedOperationException("doc-serve counts the tokens of document text only");
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        throw new UnsupportedOperationException("doc-serve counts the tokens of document text only");
    }
}
