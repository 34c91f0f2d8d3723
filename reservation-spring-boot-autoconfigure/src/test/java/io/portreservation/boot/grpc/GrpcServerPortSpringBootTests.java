package io.portreservation.boot.grpc;

import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a {@code @SpringBootTest} of a gRPC application sees with the starter:
 * {@code @LocalGrpcServerPort} injects the port of the block the server really answers
 * on.
 */
@SpringBootTest(classes = GrpcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestServer.Excludes.TOMCAT_SERVLET, "spring.grpc.server.port=0",
				"spring.grpc.server.servlet.enabled=false", "port-reservation.port-count=2" })
@EnabledOnOs(value = OS.LINUX, disabledReason = "the application runs the thief, run on Linux only")
class GrpcServerPortSpringBootTests {

	@LocalGrpcServerPort
	int grpcPort;

	@LocalServerPort
	int webPort;

	@Autowired
	PortAllocator allocator;

	@Test
	void localGrpcServerPortIsTheBlockPortTheServerAnswersOn() {
		PortReservation block = this.allocator.block();
		assertThat(this.grpcPort).isBetween(block.firstPort(), block.lastPort()).isNotEqualTo(this.webPort);
		assertThat(EchoGrpc.echo(this.grpcPort, "from a test")).isEqualTo("echo: from a test");
	}

}
