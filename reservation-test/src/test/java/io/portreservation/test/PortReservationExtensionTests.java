package io.portreservation.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a test gets from {@link PortReservationExtension}: held blocks and leases in
 * parameters, instance fields and static fields, and port numbers that are free to bind
 * when they arrive. Each "held" assertion is a plain bind of the port that the kernel
 * refuses.
 */
@ExtendWith(PortReservationExtension.class)
class PortReservationExtensionTests {

	@ReservedBlock(ports = 4)
	static PortReservation classBlock;

	@ReservedBlock(ports = 2, protocol = Protocol.UDP)
	PortReservation instanceBlock;

	@ReservedBlock
	PortLease instanceLease;

	@ReservedPort
	int portNumber;

	private static @Nullable PortReservation blockOfAPreviousTest;

	private static @Nullable PortReservation instanceBlockOfAPreviousTest;

	@BeforeAll
	static void staticFieldIsInjectedBeforeAll() {
		assertThat(classBlock.isValid()).isTrue();
		assertThat(classBlock.count()).isEqualTo(4);
	}

	@Test
	void leaseParameterIsAHeldPortToBindThrough(PortLease lease) throws IOException {
		assertThat(lease.reservation().isValid()).isTrue();
		assertThat(lease.reservation().count()).isEqualTo(1);
		assertThat(Sockets.tcpFree(lease.port())).isFalse();
		try (ServerSocketChannel server = lease.openServerSocketChannel(null, 0);
				SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", lease.port()))) {
			assertThat(client.isConnected()).isTrue();
		}
	}

	@Test
	void blockParameterHonoursReservedBlock(@ReservedBlock(ports = 3, protocol = Protocol.UDP) PortReservation block) {
		assertThat(block.count()).isEqualTo(3);
		assertThat(block.protocol()).isEqualTo(Protocol.UDP);
		for (int port = block.firstPort(); port <= block.lastPort(); port++) {
			assertThat(Sockets.udpFree(port)).as("UDP port %d", port).isFalse();
		}
		blockOfAPreviousTest = block;
	}

	@Test
	void blockParameterDefaultsToSixteenTcpPorts(PortReservation block) {
		assertThat(block.count()).isEqualTo(16);
		assertThat(block.protocol()).isEqualTo(Protocol.TCP);
	}

	@Test
	void instanceFieldsAreHeldForTheTest() {
		assertThat(this.instanceBlock.protocol()).isEqualTo(Protocol.UDP);
		assertThat(Sockets.udpFree(this.instanceBlock.firstPort())).isFalse();
		assertThat(Sockets.tcpFree(this.instanceLease.port())).isFalse();
		assertThat(classBlock.isValid()).isTrue();
		instanceBlockOfAPreviousTest = this.instanceBlock;
	}

	@Test
	void portNumberIsFreeToBindWhenItArrivesAndComesFromTheSearchRange() throws IOException {
		assertThat(this.portNumber).isBetween(10000, 29999);
		try (ServerSocketChannel server = ServerSocketChannel.open()) {
			server.bind(new InetSocketAddress(this.portNumber));
			assertThat(((InetSocketAddress) server.getLocalAddress()).getPort()).isEqualTo(this.portNumber);
		}
	}

	@Test
	void portNumberParameter(@ReservedPort int port) {
		assertThat(Sockets.tcpFree(port)).as("a plain bind without SO_REUSEADDR").isFalse();
	}

	@AfterAll
	static void blocksAreReleasedWhenTheirScopeEnds() {
		assertThat(blockOfAPreviousTest).isNotNull();
		assertThat(blockOfAPreviousTest.isValid()).isFalse();
		assertThat(instanceBlockOfAPreviousTest).isNotNull();
		assertThat(instanceBlockOfAPreviousTest.isValid()).isFalse();
		// The class's own block lives until the class ends, after this method.
		assertThat(classBlock.isValid()).isTrue();
	}

}
