package io.portreservation.boot.junit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import io.portreservation.boot.testsupport.PortThief;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortReservationExtension}.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the thief is a python3 process")
@ExtendWith(PortReservationExtension.class)
class PortReservationExtensionTests {

	private static PortReservation blockOfAPreviousTest;

	@Test
	void leaseParameterIsAHeldPortToBindThrough(PortLease lease) throws IOException {
		assertThat(lease.reservation().isValid()).isTrue();
		assertThat(lease.reservation().count()).isEqualTo(1);
		assertThat(PortThief.steal(lease.reservation())).isEmpty();
		try (ServerSocketChannel server = lease.openServerSocketChannel(null, 0);
				SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", lease.port()))) {
			assertThat(client.isConnected()).isTrue();
		}
	}

	@Test
	void blockParameterHonoursReservedBlock(@ReservedBlock(ports = 3, protocol = Protocol.UDP) PortReservation block) {
		assertThat(block.count()).isEqualTo(3);
		assertThat(block.protocol()).isEqualTo(Protocol.UDP);
		assertThat(block.isValid()).isTrue();
		blockOfAPreviousTest = block;
	}

	@Test
	void blockParameterDefaultsToSixteenTcpPorts(PortReservation block) {
		assertThat(block.count()).isEqualTo(16);
		assertThat(block.protocol()).isEqualTo(Protocol.TCP);
	}

	@AfterAll
	static void blocksAreReleasedWhenTheirTestEnds() {
		assertThat(blockOfAPreviousTest).isNotNull();
		assertThat(blockOfAPreviousTest.isValid()).isFalse();
	}

}
