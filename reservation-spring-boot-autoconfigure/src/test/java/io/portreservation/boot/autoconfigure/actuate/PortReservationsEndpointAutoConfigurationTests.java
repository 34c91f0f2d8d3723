package io.portreservation.boot.autoconfigure.actuate;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.actuate.PortReservationsEndpoint;
import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;

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
				assertThat(context.getBean(PortReservationsEndpoint.class).portReservation("default").token())
					.isNull();
			});
	}

	@Test
	void runWhenShowTokenShouldShowToken() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=portreservations",
					"port-reservation.show-token=true")
			.run((context) -> {
				long token = context.getBean(PortAllocator.class).block().token();
				assertThat(context.getBean(PortReservationsEndpoint.class).portReservation("default").token())
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
	void runWhenUserDefinesEndpointShouldBackOff() {
		this.contextRunner.withUserConfiguration(CustomEndpointConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=portreservations")
			.run((context) -> assertThat(context).getBean(PortReservationsEndpoint.class)
				.isSameAs(context.getBean("customEndpoint")));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomEndpointConfiguration {

		@Bean
		PortReservationsEndpoint customEndpoint(PortAllocator allocator) {
			return new PortReservationsEndpoint(allocator, true);
		}

	}

}
