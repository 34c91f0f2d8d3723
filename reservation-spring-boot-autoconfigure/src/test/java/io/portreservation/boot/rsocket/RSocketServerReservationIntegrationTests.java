package io.portreservation.boot.rsocket;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.portreservation.LeaseInfo;
import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.testsupport.PortThief;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.stereotype.Controller;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's standalone RSocket server with {@code spring.rsocket.server.port=0}: a
 * real request-response answered on a port of the block, that port reported as
 * {@code local.rsocket.server.port} (what {@code @LocalRSocketServerPort} reads), a second
 * process unable to take it while the server runs, and the block free after close.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the thief is a python3 process")
class RSocketServerReservationIntegrationTests {

	@Test
	void rsocketServerAnswersOnAPortOfTheBlock() {
		PortReservation block;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.rsocket.server.port=0",
					"spring.rsocket.server.address=127.0.0.1", "port-reservation.port-count=2")
			.run()) {
			block = context.getBean(PortAllocator.class).block();
			int port = context.getEnvironment().getRequiredProperty("local.rsocket.server.port", Integer.class);
			assertThat(port).isBetween(block.firstPort(), block.lastPort());
			assertThat(block.leases()).singleElement()
				.satisfies((lease) -> assertThat(lease.port()).isEqualTo(port))
				.satisfies((lease) -> assertThat(lease.owner()).isEqualTo("rsocket (spring.rsocket.server.port)"))
				.satisfies((lease) -> assertThat(lease.bound()).isTrue());

			RSocketRequester requester = context.getBean(RSocketRequester.Builder.class).tcp("127.0.0.1", port);
			try {
				assertThat(requester.route("echo").data("hello").retrieveMono(String.class).block(Duration.ofSeconds(30)))
					.isEqualTo("echo: hello");
			}
			finally {
				requester.dispose();
			}
			assertThat(PortThief.steal(block)).isEmpty();
			assertThat(block.leases()).extracting(LeaseInfo::port).containsExactly(port);
		}
		assertThat(PortThief.busyPorts(block.firstPort(), block.lastPort())).isEmpty();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EchoApplication {

		/** Answers the {@code echo} route. */
		@Controller
		static class EchoController {

			@MessageMapping("echo")
			String echo(String message) {
				return "echo: " + message;
			}

		}

	}

}
