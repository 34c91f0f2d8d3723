package io.portreservation.boot.rsocket;

import java.time.Duration;

import io.portreservation.LeaseInfo;
import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.testsupport.ThiefBeforeServersStart;
import io.portreservation.testfixtures.PortThief;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.rsocket.context.RSocketServerBootstrap;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.stereotype.Controller;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's standalone RSocket server with {@code spring.rsocket.server.port=0}: a
 * real request-response answered on a port of the block, that port reported as
 * {@code local.rsocket.server.port} (what {@code @LocalRSocketServerPort} reads), a
 * second process unable to take it before the server starts, while it runs and while it
 * is stopped, the same port after a restart, and the block free after close.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the starter's thief tests run on Linux only")
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

			assertThat(echo(context, port, "hello")).isEqualTo("echo: hello");
			assertThat(context.getBean(ThiefBeforeServersStart.class).stolen()).isEmpty();
			assertThat(PortThief.steal(block.firstPort(), block.lastPort())).isEmpty();
			assertThat(block.leases()).extracting(LeaseInfo::port).containsExactly(port);

			// The server alone: a context stop also stops the shared Reactor resources,
			// which Spring Boot's RSocket server does not survive, with or without a
			// reservation.
			RSocketServerBootstrap server = context.getBean(RSocketServerBootstrap.class);
			server.stop();
			assertThat(PortThief.steal(block.firstPort(), block.lastPort())).as("thefts while the server is stopped")
				.isEmpty();
			server.start();
			assertThat(context.getEnvironment().getRequiredProperty("local.rsocket.server.port", Integer.class))
				.isEqualTo(port);
			assertThat(echo(context, port, "again")).isEqualTo("echo: again");
		}
		assertThat(PortThief.busyPorts(block.firstPort(), block.lastPort())).isEmpty();
	}

	private static @Nullable String echo(ConfigurableApplicationContext context, int port, String message) {
		RSocketRequester requester = context.getBean(RSocketRequester.Builder.class).tcp("127.0.0.1", port);
		try {
			return requester.route("echo").data(message).retrieveMono(String.class).block(Duration.ofSeconds(30));
		}
		finally {
			requester.dispose();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EchoApplication {

		@Bean
		ThiefBeforeServersStart thiefBeforeServerStarts(PortAllocator allocator) {
			// phase 0: before the RSocket server's
			return new ThiefBeforeServersStart(allocator::block, 0);
		}

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
