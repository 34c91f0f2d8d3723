package io.portreservation.boot.autoconfigure.actuate;

import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.actuate.PortReservationsEndpoint;
import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;
import io.portreservation.boot.autoconfigure.PortReservationProperties;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@link PortReservationsEndpoint}. Like every endpoint it is
 * reachable over HTTP only once listed in
 * {@code management.endpoints.web.exposure.include}.
 */
@AutoConfiguration(after = PortReservationAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(PortReservationsEndpoint.class)
@ConditionalOnBean(PortAllocator.class)
// Bound here too, so that beside an allocator of one's own, with the reservation
// disabled,
// show-token still counts.
@EnableConfigurationProperties(PortReservationProperties.class)
public final class PortReservationsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PortReservationsEndpoint portReservationsEndpoint(PortAllocator allocator, PortReservationProperties properties) {
		return new PortReservationsEndpoint(allocator, properties.isShowToken());
	}

}
