package io.portreservation.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.portreservation.PortRange;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.WildcardSearch;
import org.jspecify.annotations.Nullable;

/**
 * Port numbers for code that binds a port itself. A number comes from the wildcard search
 * range of this library ({@link WildcardSearch#DEFAULT}, below the kernel's ephemeral
 * range, so no outgoing connection or {@code bind(0)} is handed it).
 *
 * <p>
 * A TCP number is never free: a socket binds it without {@code SO_REUSEADDR} (which every
 * other socket on the port refuses, so no other process holds it), then turns
 * {@code SO_REUSEADDR} on and stays bound, not listening, until
 * {@link PortNumber#close()}. On Linux a server that binds with {@code SO_REUSEADDR} (the
 * JDK's {@code ServerSocket} and {@code ServerSocketChannel}, Netty, Jetty, Tomcat, Node
 * and Go all do) binds and listens beside it; a socket without the option is refused.
 * What remains: another process's {@code SO_REUSEADDR} socket can bind the number too
 * until the test's server listens. A UDP number is a one-port block released as it is
 * handed out ({@code
 * SO_REUSEADDR} would let a holder share the server's datagrams), so it is free from then
 * until the code binds it.
 */
public final class PortNumbers {

	private static final int ATTEMPTS = 256;

	private PortNumbers() {
	}

	/**
	 * Take a port number.
	 * @param protocol the protocol the port is for
	 * @param forWhat who asks, named if no port can be had
	 * @return the number, held as described above until closed
	 */
	public static PortNumber take(Protocol protocol, String forWhat) {
		if (protocol == Protocol.UDP) {
			return handOut(reserve(ReservationRequest.anyBlock(protocol, 1), forWhat)).get(0);
		}
		if (protocol != Protocol.TCP) {
			throw new IllegalArgumentException("A port number is for TCP or for UDP, not " + protocol + " (" + forWhat
					+ "); reserve a block for both protocols instead");
		}
		PortRange range = searchRange();
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(range.first(), range.last() + 1);
			if (WildcardSearch.DEFAULT.skips(port)) {
				continue;
			}
			SocketChannel holder = holdThenShare(port);
			if (holder != null) {
				return new PortNumber(port, holder);
			}
		}
		throw new IllegalStateException("No free TCP port found for " + forWhat + " in " + ATTEMPTS
				+ " random tries in " + range + "; stop what holds ports there");
	}

	/**
	 * The default wildcard search range, below the kernel's ephemeral range.
	 */
	private static PortRange searchRange() {
		PortRange range = WildcardSearch.DEFAULT_RANGE;
		int ephemeralStart = ephemeralStart();
		return (ephemeralStart > range.first() && ephemeralStart <= range.last())
				? new PortRange(range.first(), ephemeralStart - 1) : range;
	}

	private static int ephemeralStart() {
		try {
			String text = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
			return Integer.parseInt(text.split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return 49152; // RFC 6335, where the kernel does not say
		}
	}

	/**
	 * Bind a socket without {@code SO_REUSEADDR}, which any other socket on the port
	 * refuses, and only then allow sharing: the port is never unheld.
	 */
	private static @Nullable SocketChannel holdThenShare(int port) {
		SocketChannel holder = null;
		try {
			holder = SocketChannel.open();
			holder.setOption(StandardSocketOptions.SO_REUSEADDR, false);
			holder.bind(new InetSocketAddress(port));
			holder.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			return holder;
		}
		catch (IOException ex) {
			closeQuietly(holder);
			return null;
		}
	}

	private static PortReservation reserve(ReservationRequest request, String forWhat) {
		try {
			return PortReservations.reserve(request);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Could not reserve " + request + " for " + forWhat + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Hand out every port of a block as a number: the block is released and each TCP port
	 * is held again at once by a socket that a server binding with {@code SO_REUSEADDR}
	 * can bind beside. A port another socket took in that instant is handed out unheld.
	 * @param block an open block
	 * @return the numbers, in port order
	 * @throws IllegalStateException if the block is closed already
	 */
	public static List<PortNumber> handOut(PortReservation block) {
		if (!block.isValid()) {
			throw new IllegalStateException(
					"The " + block.protocol() + " block " + block.firstPort() + "-" + block.lastPort()
							+ " is closed; its ports are no longer held and cannot be handed out as numbers");
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
