package dev.docserve.json;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonValuesTest {

    private static Object read(String json) throws IOException {
        return JsonValues.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadObjectsInDocumentOrderWithPlainValues() throws IOException {
        Object value = read("{\"b\": 1, \"a\": [true, false, null, 2.5, \"x\"], \"big\": 12345678901234567890,"
                + " \"long\": 12345678901, \"nested\": {}}");

        assertThat(value).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertThat(map.keySet()).containsExactly("b", "a", "big", "long", "nested");
        assertThat(map.get("b")).isEqualTo(1);
        assertThat(map.get("a")).isEqualTo(Arrays.asList(true, false, null, 2.5, "x"));
        assertThat(map.get("big")).isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(map.get("long")).isEqualTo(12345678901L);
        assertThat(map.get("nested")).isEqualTo(Map.of());
    }

    @Test
    void shouldDecodeEscapesAndUnicode() throws IOException {
        Object value = read("{\"s\": \"a\\\"b\\\\c\\n\\t\\u00e9\\ud83d\\ude00 /\\/ é\"}");

        assertThat(((Map<?, ?>) value).get("s")).isEqualTo("a\"b\\c\n\té\uD83D\uDE00 // é");
    }

    @Test
    void shouldKeepTheLastOfRepeatedKeysAsDatabindDoes() throws IOException {
        assertThat(read("{\"k\": 1, \"k\": 2}")).isEqualTo(Map.of("k", 2));
    }

    @Test
    void shouldRefuseWhatIsNotExactlyOneJsonValue() {
        assertThatThrownBy(() -> read("")).isInstanceOf(IOException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("{\"a\": 1} {")).isInstanceOf(IOException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> read("{\"a\": ")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("Unexpected end-of-input").hasMessageEndingWith(" at line 1, column 7")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> read("{'a': 1}")).isInstanceOf(IOException.class);
    }

    @Test
    void readObjectShouldSayWhatItFoundInsteadOfAnObject() {
        assertThatThrownBy(() -> JsonValues.readObject("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessage("expected a JSON object, found an array");
        assertThatThrownBy(() -> JsonValues.readObject("null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessage("expected a JSON object, found null");
    }

    @Test
    void prettyOutputShouldBeByteIdenticalToTheMappersDefaultPrettyPrinter() throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("running", true);
        doc.put("text", "quote \" backslash \\ newline \n control \u0001 é");
        doc.put("int", 42);
        doc.put("long", 1L << 40);
        doc.put("double", 12.5);
        doc.put("none", null);
        doc.put("empty_list", List.of());
        doc.put("empty_map", Map.of());
        doc.put("list", Arrays.asList("a", 1, null, Map.of("k", "v")));
        doc.put("nested", Map.of("deeper", Map.of("x", List.of(1, 2))));

        String expected = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);

        assertThat(JsonValues.pretty(doc)).isEqualTo(expected);
        assertThat(JsonValues.read(JsonValues.pretty(doc).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Json.mapper().readValue(expected, Map.class));
    }

    @Test
    void onlyPlainValuesShouldBeWrittenWithoutTheMapper() {
        assertThat(JsonValues.isPlain(Map.of("a", List.of(1, "b", true)))).isTrue();
        assertThat(JsonValues.isPlain(Map.of("a", Json.mapper().createObjectNode()))).isFalse();
        assertThat(JsonValues.isPlain(Map.of(1, "numeric key"))).isFalse();
        assertThat(JsonValues.isPlain(java.time.Instant.EPOCH)).isFalse();
        assertThatThrownBy(() -> JsonValues.pretty(java.time.Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Instant");
    }
}
