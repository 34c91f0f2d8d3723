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
 * A JVM started without {@value DescriptorChannels#FLAG}: two TCP hand-offs and one UDP
 * hand-off on a held block, each answering a client, printing
 * {@code LISTENER_DESCRIPTORS n} (how many descriptors reach the socket that listens),
 * {@code UDP ok}, then {@code DONE}. The log goes to stdout, so the parent reads it too.
 */
public final class FallbackChild {

	private FallbackChild() {
	}

	public static void main(String[] args) throws Exception {
		// slf4j-simple writes to whatever System.err is at the time
		System.setErr(System.out);
		try (PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP_UDP, 1),
				Backend.HELD_SOCKET); PortLease lease = block.lease("fallback")) {
			int port = lease.port();
			for (int i = 0; i < 2; i++) {
				try (ServerSocketChannel server = lease.openServerSocketChannel(null, 0);
						SocketChannel client = SocketChannel
							.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
						SocketChannel accepted = server.accept()) {
					System.out
						.println("LISTENER_DESCRIPTORS " + ProcSockets.descriptorsOf(ProcSockets.listeningInode(port)));
				}
				HeldSocketReservationsTests.assertTcpBindRefused(port);
			}
			try (DatagramChannel server = lease.openDatagramChannel(null);
					DatagramChannel client = DatagramChannel.open()) {
				client.send(ByteBuffer.wrap(new byte[] { 9 }),
						new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
				System.out.println("UDP " + ((HeldSocketReservationsTests.receive(server)[0] == 9) ? "ok" : "wrong"));
			}
		}
		System.out.println("DONE");
	}

}
