package dev.docserve.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ErrorResponsesTest {

    @Test
    void shouldAnswerAnUnknownPathWithAJsonDetail() {
        given().when().get("/no/such/endpoint")
                .then().statusCode(404)
                .contentType("application/json")
                .body("detail", notNullValue());
    }

    @Test
    void shouldAnswerAWrongMethodWithAJsonDetailAndNoStackTrace() {
        given().when().delete("/health")
                .then().statusCode(405)
                .body("detail", notNullValue())
                .body(not(containsString("\tat ")));
    }

    /** Each body here once got a 500 or a detail naming Java classes; found by {@code HostileInputIT}. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/query | {\"query\": \"a\", \"languages\": [null]}                 | languages must be a list of strings",
            "/query | {\"query\": \"a\", \"source_types\": [null]}              | source_types must be a list of strings",
            "/index | {\"folder_path\": \".\", \"include_patterns\": [null]}    | include_patterns must be a list of strings",
            "/index | {\"folder_path\": \".\", \"supported_languages\": [null]} | supported_languages",
            "/index | {\"folder_path\": \".\", \"exclude_patterns\": [\"{a,\"]} | unclosed",
            "/query | {\"query\": \"a\", \"file_paths\": [\"[z-a]\"]}          | malformed glob",
            "/query | {\"query\": \"a\", \"file_paths\": [\"[!]\"]}            | results",
            "/query | {\"query\": \"a\", \"query\": \"b\"}                    | Duplicate field",
            "/projects | {\"project_root\": \"a\", \"project_root\": null}      | Duplicate field",
            "/query | [1, 2]                                                     | must be one JSON object",
            "/query | \"text\"                                                   | must be one JSON object",
            "/query | {\"query\": \"a\", \"top_k\": 1e300}                       | out of range",
            "/query | {\"query\": \"a\"                                          | not valid JSON at line 1"})
    void shouldAnswerHostileBodiesWithAClearDetailAndNoJavaNames(String path, String body, String expected) {
        String answer = given().contentType("application/json").body(body)
                .when().post(path)
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(400), org.hamcrest.Matchers.is(200)))
                .contentType("application/json")
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(answer).contains(expected)
                .doesNotContain("Exception").doesNotContain("com.fasterxml").doesNotContain("dev.docserve").doesNotContain("`");
    }
}
