package io.portreservation.boot.autoconfigure.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.actuate.PortReservationMetrics;
import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@link PortReservationMetrics}. The bean is also a
 * {@code PortAllocatorListener}, so the allocator reports acquisitions and refused leases
 * to it.
 */
@AutoConfiguration(after = { PortReservationAutoConfiguration.class, MetricsAutoConfiguration.class,
		CompositeMeterRegistryAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, PortAllocator.class })
public final class PortReservationMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PortReservationMetrics portReservationMetrics(ObjectProvider<PortAllocator> allocator) {
		return new PortReservationMetrics(allocator::getObject);
	}

}
