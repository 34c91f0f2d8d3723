package io.portreservation.boot.autoconfigure.actuate;

import io.portreservation.PortLease;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.actuate.PortReservationHealthIndicator;
import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortReservationHealthContributorAutoConfiguration}.
 */
class PortReservationHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortReservationAutoConfiguration.class,
				PortReservationHealthContributorAutoConfiguration.class))
		.withPropertyValues("port-reservation.port-count=4");

	@Test
	void runShouldHaveIndicatorWithoutLowWaterMark() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(PortReservationHealthIndicator.class);
			Health health = context.getBean(PortReservationHealthIndicator.class).health();
			assertThat(health.getDetails()).doesNotContainKey("lowWaterMark");
		});
	}

	@Test
	void runWhenLowWaterMarkSetShouldUseIt() {
		this.contextRunner.withPropertyValues("management.health.port-reservation.low-water-mark=4").run((context) -> {
			try (PortLease lease = context.getBean(PortAllocator.class).lease("grpc")) {
				Health health = context.getBean(PortReservationHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(PortReservationHealthIndicator.LOW_PORTS);
				assertThat(health.getDetails()).containsEntry("lowWaterMark", 4);
			}
		});
	}

	@Test
	void runWhenLowWaterMarkIsZeroShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("management.health.port-reservation.low-water-mark=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'management.health.port-reservation.low-water-mark' must be greater than 0"));
	}

	@Test
	void runWhenDisabledShouldNotHaveIndicator() {
		this.contextRunner.withPropertyValues("management.health.port-reservation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PortReservationHealthIndicator.class));
	}

	@Test
	void runWhenHealthDefaultsDisabledShouldNotHaveIndicator() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PortReservationHealthIndicator.class));
	}

	@Test
	void runWhenReservationDisabledShouldNotHaveIndicator() {
		this.contextRunner.withPropertyValues("port-reservation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PortReservationHealthIndicator.class));
	}

	@Test
	void runWhenUserDefinesIndicatorShouldBackOff() {
		this.contextRunner.withUserConfiguration(CustomIndicatorConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(PortReservationHealthIndicator.class);
			assertThat(context).hasBean("portReservationHealthIndicator");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomIndicatorConfiguration {

		@Bean
		HealthIndicator portReservationHealthIndicator() {
			return () -> Health.up().build();
		}

	}

}
