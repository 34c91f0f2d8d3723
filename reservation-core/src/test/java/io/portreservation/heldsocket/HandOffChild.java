package io.portreservation.heldsocket;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import io.portreservation.Backend;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;

/**
 * A second JVM for {@link HeldSocketJdkNativesTests}: reserves a TCP+UDP block, hands a
 * TCP and a UDP server over and serves one connection and one datagram on them, then
 * prints {@code CALLS <implementation>}, {@code JNA_LOADED <jna.loaded property>} and
 * {@code DONE <first port>}. Run with {@code -Xlog:class+load} the test sees every class
 * it loaded.
 */
public final class HandOffChild {

	private HandOffChild() {
	}

	public static void main(String[] args) throws Exception {
		try (PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP_UDP, 2),
				Backend.HELD_SOCKET)) {
			try (PortLease lease = block.lease("tcp");
					ServerSocketChannel server = lease.openServerSocketChannel(null, 0);
					SocketChannel client = SocketChannel
						.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), lease.port()));
					SocketChannel accepted = server.accept()) {
				client.write(ByteBuffer.wrap(new byte[] { 42 }));
				ByteBuffer read = ByteBuffer.allocate(1);
				accepted.read(read);
				check(read.get(0) == 42, "TCP byte");
			}
			try (PortLease lease = block.lease("udp");
					DatagramChannel server = lease.openDatagramChannel(null);
					DatagramChannel client = DatagramChannel.open()) {
				client.send(ByteBuffer.wrap(new byte[] { 7 }),
						new InetSocketAddress(InetAddress.getLoopbackAddress(), lease.port()));
				ByteBuffer read = ByteBuffer.allocate(1);
				server.receive(read);
				check(read.get(0) == 7, "UDP byte");
			}
			System.out.println("CALLS " + SocketCalls.get().getClass().getSimpleName());
			System.out.println("JNA_LOADED " + System.getProperty("jna.loaded"));
			System.out.println("DONE " + block.firstPort());
		}
	}

	private static void check(boolean ok, String what) {
		if (!ok) {
			throw new IllegalStateException(what + " not received");
		}
	}

}
