package io.portreservation.boot.autoconfigure.actuate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.portreservation.boot.PortAllocatorListener;
import io.portreservation.boot.actuate.TestPortAllocator;

/**
 * A user's own {@code PortAllocator} over a real block of four ports, telling the
 * context's listeners as the auto-configured allocator does.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestAllocatorConfiguration {

	@Bean(destroyMethod = "close")
	TestPortAllocator portAllocator(ObjectProvider<PortAllocatorListener> listeners) {
		return new TestPortAllocator(listeners.orderedStream().toList()).acquire("default", 4);
	}

}
