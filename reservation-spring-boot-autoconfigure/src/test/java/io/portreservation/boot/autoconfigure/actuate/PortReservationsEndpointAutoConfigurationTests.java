package io.portreservation.boot.autoconfigure.actuate;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.actuate.PortReservationsEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortReservationsEndpointAutoConfiguration}.
 */
class PortReservationsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortReservationsEndpointAutoConfiguration.class));

	@Test
	void runWhenExposedShouldHaveEndpointWithoutToken() {
		this.contextRunner.withUserConfiguration(TestAllocatorConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=portreservations")
			.run((context) -> {
				assertThat(context).hasSingleBean(PortReservationsEndpoint.class);
				assertThat(context.getBean(PortReservationsEndpoint.class).portReservation("default").token())
					.isNull();
			});
	}

	@Test
	void runWhenShowTokenShouldShowToken() {
		this.contextRunner.withUserConfiguration(TestAllocatorConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=portreservations",
					"port-reservation.show-token=true")
			.run((context) -> assertThat(context.getBean(PortReservationsEndpoint.class)
				.portReservation("default")
				.token()).startsWith("0x"));
	}

	@Test
	void runWhenNotExposedShouldNotHaveEndpoint() {
		this.contextRunner.withUserConfiguration(TestAllocatorConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(PortReservationsEndpoint.class));
	}

	@Test
	void runWhenExposedButDisabledShouldNotHaveEndpoint() {
		this.contextRunner.withUserConfiguration(TestAllocatorConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=portreservations",
					"management.endpoint.portreservations.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(PortReservationsEndpoint.class));
	}

	@Test
	void runWithoutAllocatorShouldNotHaveEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=portreservations")
			.run((context) -> assertThat(context).doesNotHaveBean(PortReservationsEndpoint.class));
	}

	@Test
	void runWhenUserDefinesEndpointShouldBackOff() {
		this.contextRunner.withUserConfiguration(TestAllocatorConfiguration.class, CustomEndpointConfiguration.class)
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
