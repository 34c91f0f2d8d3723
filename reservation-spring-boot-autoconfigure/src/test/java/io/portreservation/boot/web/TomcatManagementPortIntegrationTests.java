package io.portreservation.boot.web;

import io.portreservation.boot.testsupport.TestServer;
import io.portreservation.boot.testsupport.TestWebApplication;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * {@link AbstractManagementPortIntegrationTests} on a real Tomcat.
 */
@SpringBootTest(classes = TestWebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestServer.Excludes.TOMCAT_SERVLET, "management.server.port=0", "port-reservation.port-count=4",
				"management.endpoints.web.exposure.include=health" })
@EnabledOnOs(value = OS.LINUX, disabledReason = "sockets are counted through /proc")
class TomcatManagementPortIntegrationTests extends AbstractManagementPortIntegrationTests {

}
