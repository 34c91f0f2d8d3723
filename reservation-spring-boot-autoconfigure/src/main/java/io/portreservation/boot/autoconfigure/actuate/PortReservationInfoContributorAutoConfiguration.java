package io.portreservation.boot.autoconfigure.actuate;

import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.actuate.PortReservationInfoContributor;
import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorFallback;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration for the {@link PortReservationInfoContributor}. Off unless
 * {@code management.info.port-reservation.enabled} is set, as Spring Boot does for the
 * contributors that describe the running process ({@code java}, {@code os},
 * {@code process}).
 */
@AutoConfiguration(after = PortReservationAutoConfiguration.class)
@ConditionalOnClass({ InfoContributor.class, ConditionalOnEnabledInfoContributor.class })
@ConditionalOnEnabledInfoContributor(value = "port-reservation", fallback = InfoContributorFallback.DISABLE)
@ConditionalOnBean(PortAllocator.class)
public final class PortReservationInfoContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Order(InfoContributorAutoConfiguration.DEFAULT_ORDER)
	PortReservationInfoContributor portReservationInfoContributor(PortAllocator allocator) {
		return new PortReservationInfoContributor(allocator);
	}

}
