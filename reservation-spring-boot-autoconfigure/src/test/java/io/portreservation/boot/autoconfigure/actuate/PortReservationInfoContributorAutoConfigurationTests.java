package io.portreservation.boot.autoconfigure.actuate;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.portreservation.boot.actuate.PortReservationInfoContributor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortReservationInfoContributorAutoConfiguration}.
 */
class PortReservationInfoContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortReservationInfoContributorAutoConfiguration.class))
		.withUserConfiguration(TestAllocatorConfiguration.class);

	@Test
	void runByDefaultShouldNotHaveContributor() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(PortReservationInfoContributor.class));
	}

	@Test
	void runWhenEnabledShouldHaveContributor() {
		this.contextRunner.withPropertyValues("management.info.port-reservation.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(PortReservationInfoContributor.class));
	}

	@Test
	void runWhenDefaultsEnabledShouldStillNeedItsOwnProperty() {
		this.contextRunner.withPropertyValues("management.info.defaults.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(PortReservationInfoContributor.class));
	}

	@Test
	void runWithoutAllocatorShouldNotHaveContributor() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PortReservationInfoContributorAutoConfiguration.class))
			.withPropertyValues("management.info.port-reservation.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(PortReservationInfoContributor.class));
	}

}
