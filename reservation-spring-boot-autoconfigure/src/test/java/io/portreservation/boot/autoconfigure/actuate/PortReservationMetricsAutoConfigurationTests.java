package io.portreservation.boot.autoconfigure.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portreservation.boot.actuate.PortReservationMetrics;
import io.portreservation.boot.actuate.TestAllocators;
import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortReservationMetricsAutoConfiguration}.
 */
class PortReservationMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortReservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				PortReservationMetricsAutoConfiguration.class))
		.withPropertyValues("port-reservation.port-count=4");

	@Test
	void runWithRegistryShouldBindMetersAndHearTheAllocator() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(PortReservationMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(
					registry.get("port.reservation.ports").tag("block", "default").tag("state", "free").gauge().value())
				.isEqualTo(4);
			assertThat(registry.get("port.reservation.acquire")
				.tag("backend", TestAllocators.BACKEND)
				.functionTimer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void runWithoutRegistryShouldNotHaveMetrics() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(PortReservationMetrics.class));
	}

	@Test
	void runWhenReservationDisabledShouldNotHaveMetrics() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class)
			.withPropertyValues("port-reservation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PortReservationMetrics.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
