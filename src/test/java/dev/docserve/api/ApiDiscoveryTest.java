package dev.docserve.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** What a client that knows only the base URL can learn: the API index, its OpenAPI description and its docs. */
@QuarkusTest
class ApiDiscoveryTest {

    @Test
    void shouldNameTheApiAndLinkItsDocsAndHealthAtTheRoot() {
        given().accept("application/json").when().get("/").then().statusCode(200)
                .body("name", equalTo("doc-serve"))
                .body("version", notNullValue())
                .body("docs", equalTo("/docs"))
                .body("openapi", equalTo("/openapi.json"))
                .body("health", equalTo("/health"));
    }

    @Test
    void shouldDescribeEveryEndpointInOpenApiAtBothAddresses() {
        String document = given().when().get("/openapi.json").then().statusCode(200)
                .contentType(containsString("json")).extract().asString();
        Map<String, Object> paths = JsonPath.from(document).getMap("paths");
        assertThat(paths).containsKeys("/", "/health", "/health/status", "/index", "/index/add", "/index/jobs",
                "/index/jobs/{id}", "/query", "/query/count", "/projects", "/projects/{project_id}/status",
                "/projects/{project_id}");
        for (String path : paths.keySet()) {
            Map<String, Map<String, Object>> operations = JsonPath.from(document).getMap("paths.'" + path + "'");
            operations.forEach((method, operation) -> {
                assertThat(operation).as(method + " " + path + " has a summary").containsKey("summary");
                @SuppressWarnings("unchecked")
                Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
                assertThat(responses).as(method + " " + path + " documents its statuses").isNotEmpty();
            });
        }
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/query"));
    }

    @Test
    void shouldServeSwaggerUiAndPointDocsAtIt() {
        given().redirects().follow(false).when().get("/docs").then().statusCode(302)
                .header("Location", containsString("/q/swagger-ui"));
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void shouldDescribeTheErrorBodyOfABadQuery() {
        String document = given().when().get("/openapi.json").then().statusCode(200).extract().asString();
        Map<String, Object> responses = JsonPath.from(document).getMap("paths.'/query'.post.responses");
        List<String> statuses = List.copyOf(responses.keySet());
        assertThat(statuses).contains("200", "400");
    }
}
