package dev.docserve.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

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
}
