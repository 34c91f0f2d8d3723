package io.portreservation.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Publishes each block's ports as {@code local.port-reservation.<name>.first-port} and
 * {@code .last-port}, as Spring Boot publishes {@code local.server.port}, so that
 * {@code @Value} and tests can find the block.
 */
final class LocalPortsPropertySource {

	static final String NAME = "port-reservation.ports";

	private LocalPortsPropertySource() {
	}

	static void publish(PortAllocator allocator, ConfigurableEnvironment environment) {
		Map<String, Object> ports = new LinkedHashMap<>();
		for (Map.Entry<String, PortReservation> entry : allocator.blocks().entrySet()) {
			String prefix = "local.port-reservation." + entry.getKey() + ".";
			ports.put(prefix + "first-port", entry.getValue().firstPort());
			ports.put(prefix + "last-port", entry.getValue().lastPort());
		}
		// Replaced, not merged: a context that restarts publishes its new blocks only.
		environment.getPropertySources().remove(NAME);
		environment.getPropertySources().addFirst(new MapPropertySource(NAME, ports));
	}

}
