package io.portreservation.boot.autoconfigure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

import io.portreservation.Backend;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.diagnostics.BlockReservationException;
import io.portreservation.boot.web.WebServerPorts;
import io.portreservation.testfixtures.OpenSockets;
import io.portreservation.testfixtures.PortThief;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link PortReservationAutoConfiguration}.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "counts sockets through /proc and holds ports from a second process")
class PortReservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortReservationAutoConfiguration.class))
		.withPropertyValues("port-reservation.port-count=2");

	@Test
	void runShouldReserveTheDefaultBlockAndPublishItsPorts() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(PortAllocator.class).hasSingleBean(WebServerPorts.class);
			PortReservation block = context.getBean(PortAllocator.class).block();
			assertThat(block.isValid()).isTrue();
			assertThat(block.protocol()).isEqualTo(Protocol.TCP);
			assertThat(block.count()).isEqualTo(2);
			assertThat(block.backend()).isEqualTo(Backend.HELD_SOCKET);
			assertThat(context.getEnvironment().getProperty("local.port-reservation.default.first-port", Integer.class))
				.isEqualTo(block.firstPort());
			assertThat(context.getEnvironment().getProperty("local.port-reservation.default.last-port", Integer.class))
				.isEqualTo(block.lastPort());
		});
	}

	@Test
	void runShouldReserveWithDefaultsWhenNothingIsConfigured() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PortReservationAutoConfiguration.class))
			.run((context) -> {
				PortReservation block = context.getBean(PortAllocator.class).block();
				assertThat(block.count()).isEqualTo(16);
				assertThat(block.protocol()).isEqualTo(Protocol.TCP);
			});
	}

	@Test
	void runWhenDisabledShouldNotReserve() {
		this.contextRunner.withPropertyValues("port-reservation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PortAllocator.class)
				.doesNotHaveBean(WebServerPorts.class)
				.doesNotHaveBean(PortReservationProperties.class));
	}

	@Test
	void runWhenUserDefinesAnAllocatorShouldBackOff() {
		this.contextRunner.withUserConfiguration(UserAllocatorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(PortAllocator.class);
			assertThat(context.getBean(PortAllocator.class)).isSameAs(context.getBean("userAllocator"));
			assertThat(context.getEnvironment().containsProperty("local.port-reservation.default.first-port"))
				.isFalse();
		});
	}

	@Test
	void runWithNamedBlocksShouldReserveEachAndPublishIt() {
		this.contextRunner
			.withPropertyValues("port-reservation.blocks.media.protocol=udp",
					"port-reservation.blocks.media.port-count=3", "port-reservation.blocks.paired.protocol=tcp-udp",
					"port-reservation.blocks.paired.port-count=1")
			.run((context) -> {
				PortAllocator allocator = context.getBean(PortAllocator.class);
				assertThat(allocator.blocks()).containsOnlyKeys("default", "media", "paired");
				assertThat(allocator.blocks().keySet()).first().isEqualTo("default");
				PortReservation media = allocator.block("media");
				assertThat(media.protocol()).isEqualTo(Protocol.UDP);
				assertThat(media.count()).isEqualTo(3);
				assertThat(allocator.block("paired").protocol()).isEqualTo(Protocol.TCP_UDP);
				assertThat(
						context.getEnvironment().getProperty("local.port-reservation.media.first-port", Integer.class))
					.isEqualTo(media.firstPort());
				assertThat(
						context.getEnvironment().getProperty("local.port-reservation.media.last-port", Integer.class))
					.isEqualTo(media.lastPort());
			});
	}

	@Test
	void runWithAStartPortShouldReserveExactlyThatBlock() {
		int first = freeBlockStart();
		this.contextRunner.withPropertyValues("port-reservation.start-port=" + first)
			.run((context) -> assertThat(context.getBean(PortAllocator.class).block().firstPort()).isEqualTo(first));
	}

	@Test
	void closingTheContextShouldReleaseEveryBlock() {
		PortReservation[] blocks = new PortReservation[2];
		this.contextRunner.withPropertyValues("port-reservation.blocks.other.port-count=2").run((context) -> {
			blocks[0] = context.getBean(PortAllocator.class).block();
			blocks[1] = context.getBean(PortAllocator.class).block("other");
			context.getBean(PortAllocator.class).lease("a user's server");
		});
		assertThat(blocks[0].isValid()).isFalse();
		assertThat(blocks[1].isValid()).isFalse();
		assertThat(PortThief.busyPorts(blocks[0].firstPort(), blocks[0].lastPort())).isEmpty();
		assertThat(PortThief.busyPorts(blocks[1].firstPort(), blocks[1].lastPort())).isEmpty();
	}

	@Test
	void runWhenALaterBlockFailsShouldReleaseTheBlocksAlreadyReserved() throws IOException {
		try (ServerSocketChannel taken = ServerSocketChannel.open()) {
			taken.bind(new InetSocketAddress(0));
			int takenPort = ((InetSocketAddress) taken.getLocalAddress()).getPort();
			int socketsBefore = OpenSockets.count();
			this.contextRunner.withPropertyValues("port-reservation.blocks.taken.start-port=" + takenPort)
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).rootCause()
						.isInstanceOf(io.portreservation.BlockUnavailableException.class);
					assertThat(context.getStartupFailure()).cause()
						.cause()
						.isInstanceOf(BlockReservationException.class);
				});
			assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(socketsBefore);
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			port-reservation.port-count=0          | port-count must be 1..65535, was 0
			port-reservation.port-count=65536      | port-count must be 1..65535, was 65536
			port-reservation.start-port=-1         | start-port must be 0 (any free block) or 1..65535, was -1
			port-reservation.start-port=65536      | start-port must be 0 (any free block) or 1..65535, was 65536
			port-reservation.acquire-timeout=0s    | acquire-timeout must be a positive duration, was PT0S
			port-reservation.acquire-timeout=-1s   | acquire-timeout must be a positive duration, was PT-1S
			port-reservation.protocol=sctp         | port-reservation.protocol
			port-reservation.backend=solaris       | port-reservation.backend
			port-reservation.blocks.media.port-count=0 | port-count must be 1..65535, was 0
			port-reservation.blocks.default.port-count=2 | blocks must not contain a block named 'default'
			""")
	void runWithAnInvalidValueShouldFailNamingIt(String property, String message) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains(message);
		});
	}

	@Test
	void runWithABlockBeyondTheLastPortShouldFailNamingPortCount() {
		this.contextRunner.withPropertyValues("port-reservation.start-port=65530", "port-reservation.port-count=16")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).cause()
					.cause()
					.isInstanceOf(BlockReservationException.class)
					.hasMessageContaining(
							"number of ports 16 is out of range: allowed 1..6 for a block that starts at port 65530");
			});
	}

	@Test
	void runWithTheWinsockBackendOffWindowsShouldFail() {
		this.contextRunner.withPropertyValues("port-reservation.backend=winsock").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).cause()
				.cause()
				.isInstanceOfSatisfying(BlockReservationException.class, (ex) -> assertThat(ex.getCause())
					.isInstanceOf(io.portreservation.UnsupportedPlatformException.class));
		});
	}

	static String messages(@Nullable Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	static int freeBlockStart() {
		try (PortReservation probe = io.portreservation.PortReservations
			.reserve(io.portreservation.ReservationRequest.anyBlock(Protocol.TCP, 2))) {
			return probe.firstPort();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserAllocatorConfiguration {

		@Bean
		PortAllocator userAllocator() {
			return mock(PortAllocator.class);
		}

	}

}
