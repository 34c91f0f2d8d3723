package io.portreservation.boot.autoconfigure.actuate;

import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.actuate.PortReservationHealthIndicator;
import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@link PortReservationHealthIndicator}, contributed as
 * {@code portReservation}.
 */
@AutoConfiguration(after = PortReservationAutoConfiguration.class, before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass(Health.class)
@ConditionalOnEnabledHealthIndicator("port-reservation")
@ConditionalOnBean(PortAllocator.class)
@EnableConfigurationProperties(PortReservationHealthIndicatorProperties.class)
public final class PortReservationHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "portReservationHealthIndicator")
	PortReservationHealthIndicator portReservationHealthIndicator(PortAllocator allocator,
			PortReservationHealthIndicatorProperties properties) {
		return new PortReservationHealthIndicator(allocator, properties.getLowWaterMark());
	}

}
