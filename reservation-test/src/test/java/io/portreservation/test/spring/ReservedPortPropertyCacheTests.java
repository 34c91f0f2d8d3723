package io.portreservation.test.spring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.portreservation.test.Fixture;
import io.portreservation.test.FixtureCondition;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test classes with the same {@link ReservedPortProperty} annotations share one cached
 * context and so the same ports; a class with other annotations gets a context, and
 * ports, of its own.
 */
class ReservedPortPropertyCacheTests {

	static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();

	@Test
	void cachedContextKeepsItsPorts() {
		FixtureCondition.engine()
			.selectors(DiscoverySelectors.selectClass(First.class), DiscoverySelectors.selectClass(Second.class),
					DiscoverySelectors.selectClass(Other.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(3).succeeded(3));
		assertThat(PORTS.get("first")).isEqualTo(PORTS.get("second"));
		assertThat(PORTS.get("other")).isNotEqualTo(PORTS.get("first"));
	}

	@SpringJUnitConfig(SelfBindingServer.Config.class)
	@ReservedPortProperty(name = "stub.port")
	@Fixture
	static class First {

		@Test
		void record(@Value("${stub.port}") int port) {
			PORTS.put("first", port);
		}

	}

	@SpringJUnitConfig(SelfBindingServer.Config.class)
	@ReservedPortProperty(name = "stub.port")
	@Fixture
	static class Second {

		@Test
		void record(@Value("${stub.port}") int port) {
			PORTS.put("second", port);
		}

	}

	@SpringJUnitConfig(SelfBindingServer.Config.class)
	@ReservedPortProperty(name = "stub.port")
	@ReservedPortProperty(name = "other.port")
	@Fixture
	static class Other {

		@Test
		void record(@Value("${stub.port}") int port) {
			PORTS.put("other", port);
		}

	}

}
