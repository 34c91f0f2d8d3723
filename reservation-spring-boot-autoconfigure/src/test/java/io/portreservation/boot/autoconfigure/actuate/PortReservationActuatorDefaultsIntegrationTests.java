package io.portreservation.boot.autoconfigure.actuate;

import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import io.portreservation.boot.testsupport.TestServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a running application shows over HTTP when the user exposes nothing: only what
 * Spring Boot shows by default. The context is closed after the class.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.main.web-application-type=servlet",
		TestServer.Excludes.TOMCAT_SERVLET, "port-reservation.port-count=4" })
class PortReservationActuatorDefaultsIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void endpointInfoAndMetricsShouldNotBeExposedByDefault() throws Exception {
		ActuatorHttp http = new ActuatorHttp(this.port);
		assertThat(http.get("/actuator/portreservations").statusCode()).isEqualTo(404);
		assertThat(http.get("/actuator/portreservations/default").statusCode()).isEqualTo(404);
		assertThat(http.get("/actuator/info").statusCode()).isEqualTo(404);
		assertThat(http.get("/actuator/metrics/port.reservation.ports").statusCode()).isEqualTo(404);
	}

	@Test
	void healthShouldShowNoDetailsByDefault() throws Exception {
		DocumentContext json = new ActuatorHttp(this.port).json("/actuator/health", 200);
		assertThat(json.read("$.status", String.class)).isEqualTo("UP");
		assertThat(json.read("$", Map.class)).doesNotContainKeys("components", "details");
		assertThat(new ActuatorHttp(this.port).get("/actuator/health/portReservation").statusCode()).isEqualTo(404);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DefaultsApplication {

	}

}
