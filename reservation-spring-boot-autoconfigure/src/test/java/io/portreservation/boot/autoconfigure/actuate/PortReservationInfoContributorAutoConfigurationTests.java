package io.portreservation.boot.autoconfigure.actuate;

import io.portreservation.boot.actuate.PortReservationInfoContributor;
import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortReservationInfoContributorAutoConfiguration}.
 */
class PortReservationInfoContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortReservationAutoConfiguration.class,
				PortReservationInfoContributorAutoConfiguration.class))
		.withPropertyValues("port-reservation.port-count=4");

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
	void runWhenReservationDisabledShouldNotHaveContributor() {
		this.contextRunner
			.withPropertyValues("management.info.port-reservation.enabled=true", "port-reservation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PortReservationInfoContributor.class));
	}

}
