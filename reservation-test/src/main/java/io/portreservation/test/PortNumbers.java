package io.portreservation.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;

/**
 * Port numbers for code that binds a port itself. A number comes from a one-port block
 * of the wildcard search range (never the kernel's ephemeral range), so no other process
 * using this library holds it.
 *
 * <p>A TCP number stays held after it is handed out: a bound, non-listening socket with
 * {@code SO_REUSEADDR} sits on it until {@link PortNumber#close()}. On Linux a server that
 * binds with {@code SO_REUSEADDR} (the JDK's {@code ServerSocket} and
 * {@code ServerSocketChannel}, Netty, Jetty, Tomcat, Node and Go all do) binds and listens
 * beside it; a socket without {@code SO_REUSEADDR}, and every other process's reservation,
 * is refused, so the number is not handed to two processes. A UDP number is released when
 * it is handed out: {@code SO_REUSEADDR} would let the holder share the server's
 * datagrams.
 */
public final class PortNumbers {

	private static final int ATTEMPTS = 16;

	private PortNumbers() {
	}

	/**
	 * Take a port number.
	 * @param protocol the protocol the port is for
	 * @param forWhat who asks, named if the reservation fails
	 * @return the number, held as described above until closed
	 */
	public static PortNumber take(Protocol protocol, String forWhat) {
		if (protocol != Protocol.TCP && protocol != Protocol.UDP) {
			throw new IllegalArgumentException("A port number is for TCP or for UDP, not " + protocol + " (" + forWhat
					+ "); reserve a block for both protocols instead");
		}
		ReservationRequest request = ReservationRequest.anyBlock(protocol, 1);
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			PortReservation block;
			try {
				block = PortReservations.reserve(request);
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException(
						"Could not reserve " + request + " for " + forWhat + ": " + ex.getMessage(), ex);
			}
			PortNumber number = handOut(block).get(0);
			if (protocol == Protocol.UDP || number.isHeld()) {
				return number;
			}
			// Another socket took the port in the instant between release and hold: take another.
		}
		throw new IllegalStateException("Could not hold a TCP port number for " + forWhat + " in " + ATTEMPTS
				+ " attempts: each port was taken between its release and the hold");
	}

	/**
	 * Hand out every port of a block as a number: the block is released and each TCP port
	 * is held again at once by a socket that a server binding with {@code SO_REUSEADDR} can
	 * bind beside. A port another socket took in that instant is handed out unheld.
	 * @param block an open block
	 * @return the numbers, in port order
	 * @throws IllegalStateException if the block is closed already
	 */
	public static List<PortNumber> handOut(PortReservation block) {
		if (!block.isValid()) {
			throw new IllegalStateException("The " + block.protocol() + " block " + block.firstPort() + "-"
					+ block.lastPort() + " is closed; its ports are no longer held and cannot be handed out as numbers");
		}
		boolean tcp = block.protocol() == Protocol.TCP;
		block.close();
		List<PortNumber> numbers = new ArrayList<>(block.count());
		for (int port = block.firstPort(); port <= block.lastPort(); port++) {
			numbers.add(new PortNumber(port, tcp ? holdSharable(port) : null));
		}
		return numbers;
	}

	private static @Nullable SocketChannel holdSharable(int port) {
		SocketChannel holder = null;
		try {
			holder = SocketChannel.open();
			holder.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			holder.bind(new InetSocketAddress(port));
			return holder;
		}
		catch (IOException ex) {
			closeQuietly(holder);
			return null;
		}
	}

	private static void closeQuietly(@Nullable SocketChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// closing a bound, unconnected socket does not fail in practice
			}
		}
	}

	/**
	 * A port number handed out, with the socket that keeps it from other processes.
	 */
	public static final class PortNumber implements AutoCloseable {

		private final int port;

		private final @Nullable SocketChannel holder;

		PortNumber(int port, @Nullable SocketChannel holder) {
			this.port = port;
			this.holder = holder;
		}

		/**
		 * The port number.
		 * @return the port
		 */
		public int port() {
			return this.port;
		}

		/**
		 * Whether a socket still keeps the number from sockets without
		 * {@code SO_REUSEADDR}.
		 * @return {@code true} for a TCP number until it is closed
		 */
		public boolean isHeld() {
			return this.holder != null && this.holder.isOpen();
		}

		/**
		 * Stop holding the number (a server bound to it keeps it).
		 */
		@Override
		public void close() {
			closeQuietly(this.holder);
		}

	}

}
