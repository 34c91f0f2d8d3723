package io.portreservation.boot.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.portreservation.Backend;
import io.portreservation.PortLease;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.boot.BlockPortAllocator;
import io.portreservation.boot.diagnostics.ServerPortException;
import io.portreservation.boot.diagnostics.ServerPortException.Reason;
import io.portreservation.boot.jetty.JettyPortReservationCustomizer;
import io.portreservation.boot.tomcat.TomcatPortReservationCustomizer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.PortInUseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WebServerPorts}: {@code server.port}'s meaning kept inside a real
 * block.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebServerPortsTests {

	private @Nullable BlockPortAllocator allocator;

	@AfterEach
	void release() {
		BlockPortAllocator allocator = this.allocator;
		if (allocator != null) {
			allocator.close();
		}
	}

	private WebServerPorts ports(Protocol protocol, int count, boolean anyBlock) {
		BlockPortAllocator allocator = BlockPortAllocator
			.reserve(Map.of("default", ReservationRequest.anyBlock(protocol, count)), Backend.AUTO, List.of());
		this.allocator = allocator;
		return new WebServerPorts(allocator);
	}

	private BlockPortAllocator allocator() {
		BlockPortAllocator allocator = this.allocator;
		if (allocator == null) {
			throw new IllegalStateException("The test reserved no block yet");
		}
		return allocator;
	}

	private static PortLease leased(WebServerPorts ports, String server, String property, int port) {
		PortLease lease = ports.lease(server, property, port);
		if (lease == null) {
			throw new AssertionError(property + "=" + port + " left " + server + " off the block");
		}
		return lease;
	}

	@Test
	void unsetServerPortIsBootsDefault() {
		assertThat(WebServerPorts.defaultPort("server.port")).isEqualTo(8080);
		assertThat(WebServerPorts.defaultPort("management.server.port")).isZero();
	}

	@Test
	void unsetManagementPortTakesAPortOfTheBlock() {
		PortLease lease = ports(Protocol.TCP, 2, true).lease("tomcat", "management.server.port", null);
		assertThat(lease).isNotNull();
		assertThat(allocator().block().contains(lease.port())).isTrue();
		assertThat(lease.owner()).isEqualTo("tomcat (management.server.port)");
	}

	@Test
	void zeroTakesAPortOfTheBlock() {
		PortLease lease = ports(Protocol.TCP, 2, true).lease("tomcat", "server.port", 0);
		assertThat(lease).isNotNull();
		assertThat(allocator().block().contains(lease.port())).isTrue();
	}

	@Test
	void portInsideTheBlockTakesExactlyThatPort() {
		WebServerPorts ports = ports(Protocol.TCP, 4, false);
		int wanted = allocator().block().firstPort() + 2;
		assertThat(leased(ports, "jetty", "server.port", wanted).port()).isEqualTo(wanted);
	}

	@Test
	void minusOneLeavesTheServerOff() {
		assertThat(ports(Protocol.TCP, 2, true).lease("tomcat", "server.port", -1)).isNull();
		assertThat(allocator().block().leases()).isEmpty();
	}

	@Test
	void portOutsideEveryBlockIsReservedOnItsOwnAndServed() throws IOException {
		WebServerPorts ports = ports(Protocol.TCP, 2, false);
		PortLease lease = null;
		for (int attempt = 0; attempt < 10 && lease == null; attempt++) {
			int outside = freeTcpPortOutside(allocator().block());
			try {
				lease = leased(ports, "tomcat", "server.port", outside);
				assertThat(lease.port()).isEqualTo(outside);
			}
			catch (PortInUseException ex) {
				// another process took the port found free: find another
			}
		}
		assertThat(lease).isNotNull();
		assertThat(allocator().blocks()).containsKey("server.port");
		assertThat(allocator().block("server.port").firstPort()).isEqualTo(lease.port());
		assertThat(allocator().block("server.port").count()).isOne();
		try (ServerSocketChannel channel = lease.openServerSocketChannel(null, 0)) {
			assertThat(((InetSocketAddress) channel.getLocalAddress()).getPort()).isEqualTo(lease.port());
		}
	}

	@Test
	void fixedPortInsideAWildcardBlockTakesExactlyThatPort() {
		WebServerPorts ports = ports(Protocol.TCP, 2, true);
		int inside = allocator().block().firstPort();
		assertThat(leased(ports, "netty", "management.server.port", inside).port()).isEqualTo(inside);
		assertThat(allocator().blocks()).containsOnlyKeys("default");
	}

	@Test
	void fixedPortHeldByAnotherSocketFailsAsBootsPortInUse() throws IOException {
		WebServerPorts ports = ports(Protocol.TCP, 2, false);
		try (ServerSocket holder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			int held = holder.getLocalPort();
			assertThatExceptionOfType(PortInUseException.class)
				.isThrownBy(() -> ports.lease("tomcat", "server.port", held))
				.satisfies((ex) -> assertThat(ex.getPort()).isEqualTo(held));
			assertThat(allocator().blocks()).containsOnlyKeys("default");
		}
	}

	private static int freeTcpPortOutside(io.portreservation.PortReservation block) throws IOException {
		while (true) {
			try (ServerSocket probe = new ServerSocket(0)) {
				if (!block.contains(probe.getLocalPort())) {
					return probe.getLocalPort();
				}
			}
		}
	}

	@Test
	void fullBlockIsReported() {
		WebServerPorts ports = ports(Protocol.TCP, 1, true);
		ports.lease("tomcat", "server.port", 0);
		assertThatExceptionOfType(ServerPortException.class)
			.isThrownBy(() -> ports.lease("tomcat", "management.server.port", null))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.BLOCK_EXHAUSTED));
	}

	@Test
	void portLeasedToAnotherServerIsReported() {
		WebServerPorts ports = ports(Protocol.TCP, 2, false);
		int port = allocator().block().firstPort();
		ports.lease("tomcat", "server.port", port);
		assertThatExceptionOfType(ServerPortException.class)
			.isThrownBy(() -> ports.lease("tomcat", "management.server.port", port))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.ALREADY_LEASED))
			.withMessageContaining("is leased to 'tomcat (server.port)' already");
	}

	@Test
	void udpBlockLeavesTheServerAloneAndSaysSo(CapturedOutput output) {
		WebServerPorts ports = ports(Protocol.UDP, 2, true);
		assertThat(ports.lease("tomcat", "server.port", null)).isNull();
		assertThat(output).contains("is UDP only; the tomcat server binds as configured, outside the block");
	}

	@Test
	void udpBlockIsReportedOncePerServer(CapturedOutput output) {
		WebServerPorts ports = ports(Protocol.UDP, 2, true);
		TomcatServletWebServerFactory tomcat = new TomcatServletWebServerFactory(0);
		new TomcatPortReservationCustomizer(ports, "server.port", 0).customize(tomcat);
		JettyServletWebServerFactory jetty = new JettyServletWebServerFactory(0);
		new JettyPortReservationCustomizer(ports, "server.port", 0).customize(jetty);
		assertThat(occurrences(output.getOut(), "the tomcat server binds as configured")).isOne();
		assertThat(occurrences(output.getOut(), "the jetty server binds as configured")).isOne();
		assertThat(tomcat.getPort()).isZero();
		assertThat(jetty.getPort()).isZero();
		assertThat(allocator().block().leases()).isEmpty();
	}

	private static int occurrences(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

}
