package io.portreservation.boot.autoconfigure.actuate;

import java.util.List;
import java.util.Map;

import io.portreservation.Backend;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.boot.BlockPortAllocator;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.actuate.PortReservationsEndpoint;
import io.portreservation.boot.actuate.PortReservationsEndpoint.BlockDescriptor;
import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortReservationsEndpointAutoConfiguration}.
 */
class PortReservationsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortReservationAutoConfiguration.class,
				PortReservationsEndpointAutoConfiguration.class))
		.withPropertyValues("port-reservation.port-count=4");

	@Test
	void runWhenExposedShouldHaveEndpointWithoutToken() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=portreservations")
			.run((context) -> {
				assertThat(context).hasSingleBean(PortReservationsEndpoint.class);
				assertThat(defaultBlock(context.getBean(PortReservationsEndpoint.class)).token()).isNull();
			});
	}

	@Test
	void runWhenShowTokenShouldShowToken() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=portreservations",
					"port-reservation.show-token=true")
			.run((context) -> {
				long token = context.getBean(PortAllocator.class).block().token();
				assertThat(defaultBlock(context.getBean(PortReservationsEndpoint.class)).token())
					.isEqualTo("0x" + Long.toHexString(token));
			});
	}

	@Test
	void runWhenNotExposedShouldNotHaveEndpoint() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(PortReservationsEndpoint.class));
	}

	@Test
	void runWhenExposedButAccessNoneShouldNotHaveEndpoint() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=portreservations",
					"management.endpoint.portreservations.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(PortReservationsEndpoint.class));
	}

	@Test
	void runWhenReservationDisabledShouldNotHaveEndpoint() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=portreservations",
					"port-reservation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PortReservationsEndpoint.class));
	}

	@Test
	void runWhenReservationDisabledBesideAnAllocatorOfOnesOwnShouldHonourShowToken() {
		this.contextRunner.withUserConfiguration(OwnAllocatorConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=portreservations",
					"port-reservation.enabled=false", "port-reservation.show-token=true")
			.run((context) -> {
				long token = context.getBean(PortAllocator.class).block().token();
				assertThat(defaultBlock(context.getBean(PortReservationsEndpoint.class)).token())
					.isEqualTo("0x" + Long.toHexString(token));
			});
	}

	@Test
	void runWhenUserDefinesEndpointShouldBackOff() {
		this.contextRunner.withUserConfiguration(CustomEndpointConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=portreservations")
			.run((context) -> assertThat(context).getBean(PortReservationsEndpoint.class)
				.isSameAs(context.getBean("customEndpoint")));
	}

	private static BlockDescriptor defaultBlock(PortReservationsEndpoint endpoint) {
		BlockDescriptor descriptor = endpoint.portReservation("default");
		if (descriptor == null) {
			throw new AssertionError("The endpoint shows no default block");
		}
		return descriptor;
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAllocatorConfiguration {

		@Bean(destroyMethod = "close")
		BlockPortAllocator ownAllocator() {
			return BlockPortAllocator.reserve(Map.of("default", ReservationRequest.anyBlock(Protocol.TCP, 2)),
					Backend.AUTO, List.of());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomEndpointConfiguration {

		@Bean
		PortReservationsEndpoint customEndpoint(PortAllocator allocator) {
			return new PortReservationsEndpoint(allocator, true);
		}

	}

}
