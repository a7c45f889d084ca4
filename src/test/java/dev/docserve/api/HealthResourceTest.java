package dev.docserve.api;

import dev.docserve.lifecycle.server.InstanceLifecycle;
import dev.docserve.lifecycle.layout.ProjectId;
import dev.docserve.testing.TempProjectResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = TempProjectResource.class, restrictToAnnotatedClass = false)
class HealthResourceTest {

    private final InstanceLifecycle lifecycle;

    HealthResourceTest(InstanceLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/"})
    void shouldAnswerHealthWithTheInstanceIdentityWithAndWithoutTrailingSlash(String path) {
        given().when().get(path)
                .then().statusCode(200)
                .body("status", equalTo("healthy"))
                .body("mode", equalTo("project"))
                .body("instance_id", equalTo(lifecycle.identity().instanceId()))
                .body("instance_id", matchesPattern("ds_[0-9a-f]{6}"))
                .body("project_id", equalTo(ProjectId.of(lifecycle.identity().root())))
                .body("version", notNullValue())
                .body("timestamp", notNullValue());
    }

    @Test
    void shouldReportReadyWithLockRuntimeFileAndStorageChecks() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("instance"))
                .body("checks.name", hasItem("storage"))
                .body("checks.find { it.name == 'instance' }.data.lock_held", equalTo(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/live", "/q/health/started"})
    void shouldReportLiveAndStarted(String probe) {
        given().when().get(probe).then().statusCode(200).body("status", equalTo("UP"));
    }
}
