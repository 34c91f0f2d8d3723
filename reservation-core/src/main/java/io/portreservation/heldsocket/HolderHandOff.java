package io.portreservation.heldsocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;

import io.portreservation.BindLostException;
import org.jspecify.annotations.Nullable;

/**
 * The hand-off with no window ({@link DescriptorChannels#isAvailable()}): the server
 * serves on the holding socket itself, so no second socket ever binds the port.
 * <ul>
 * <li>TCP: the holder {@code listen()}s, plain, and only then turns {@code SO_REUSEADDR}
 * on (a listening socket conflicts with every other bind whatever its options, so this
 * stays exclusive, and a later re-listen can pass the {@code TIME_WAIT} entries its
 * connections leave). The server gets a duplicate of the descriptor, wrapped as a JDK
 * channel. Closing that channel closes only the duplicate, so the holder still listens:
 * once the close is seen, {@code SO_REUSEADDR} is cleared and {@code shutdown(SHUT_RD)}
 * (JDK natives) or {@code connect(AF_UNSPEC)} (JNA) stops the listening: on Linux both
 * reach the kernel's {@code tcp_disconnect}. The port stays bound (an explicit bind locks
 * it) and connects are refused again. The next hand-off listens plain first; only if
 * {@code TIME_WAIT} refuses does it retry with {@code SO_REUSEADDR}, which fails loudly
 * if another socket listened first. Setting the option before the first {@code listen()}
 * would let {@code SO_REUSEADDR} thieves in, so the order matters.</li>
 * <li>UDP: the server gets a duplicate of the bound holder, wrapped.</li>
 * </ul>
 * BSD (macOS) cannot stop a listening socket ({@code connect(AF_UNSPEC)} is refused
 * there), so after its server closes a TCP holder goes on listening and a
 * {@link StrayReset} resets the connections it receives until the next server comes.
 * Every method runs under the reservation's lock.
 */
final class HolderHandOff {

	private static final int DEFAULT_BACKLOG = 50;

	private final HeldBlock block;

	private final SocketCalls calls;

	/**
	 * The server channel handed over per port, {@code null} where none was; created on
	 * first use.
	 */
	private @Nullable Channel @Nullable [] tcpServers;

	private @Nullable Channel @Nullable [] udpServers;

	/** Which TCP holders listen; created on first use. */
	private boolean @Nullable [] listening;

	/** Whether a listening holder can stop listening; if not, its strays are reset. */
	private final boolean canStopListening;

	/**
	 * The reset of a listening holder's connections per port while no server serves it.
	 */
	private @Nullable StrayReset @Nullable [] strayResets;

	/**
	 * Hand the holders of a block over the way this platform allows.
	 * @param block the held block
	 * @param calls the socket calls the block's holders were made with
	 */
	HolderHandOff(HeldBlock block, SocketCalls calls) {
		this(block, calls, !LibCAPI.MAC);
	}

	/**
	 * Hand the holders of a block over.
	 * @param block the held block
	 * @param calls the socket calls the block's holders were made with
	 * @param canStopListening whether a listening holder can stop listening (Linux);
	 * {@code false} resets its connections instead (BSD, and the Linux tests of that
	 * path)
	 */
	HolderHandOff(HeldBlock block, SocketCalls calls, boolean canStopListening) {
		this.block = block;
		this.calls = calls;
		this.canStopListening = canStopListening;
	}

	/**
	 * Make the holder of a port listen and hand a wrapped duplicate of it over.
	 * @param port a port of the block
	 * @param backlog the listen backlog, 0 for the JDK's default
	 * @param onClose what the channel runs once it is closed, in the closing thread: it
	 * should call {@link #serverMayHaveClosed} under the reservation's lock
	 * @return a bound, listening, blocking channel
	 * @throws IOException if the channel cannot be created
	 */
	ServerSocketChannel openServerSocketChannel(int port, int backlog, Runnable onClose) throws IOException {
		int index = port - this.block.firstPort();
		if (this.tcpServers == null || this.listening == null) {
			this.tcpServers = new Channel[this.block.count()];
			this.listening = new boolean[this.block.count()];
		}
		checkNoOpenServer(this.tcpServers[index], port, "TCP");
		int holder = this.block.tcp().fd(port);
		// the next server takes the connections from here on
		stopResettingStrays(index);
		listen(holder, port, (backlog < 1) ? DEFAULT_BACKLOG : backlog, this.listening[index]);
		this.listening[index] = true;
		ServerSocketChannel channel = DescriptorChannels.serverSocketChannel(duplicate(holder, port), onClose);
		this.tcpServers[index] = channel;
		return channel;
	}

	/**
	 * Hand a wrapped duplicate of a port's UDP holder over.
	 * @param port a port of the block
	 * @return a bound, blocking channel
	 * @throws IOException if the channel cannot be created
	 */
	DatagramChannel openDatagramChannel(int port) throws IOException {
		if (this.udpServers == null) {
			this.udpServers = new Channel[this.block.count()];
		}
		checkNoOpenServer(this.udpServers[port - this.block.firstPort()], port, "UDP");
		DatagramChannel channel = DescriptorChannels.datagramChannel(duplicate(this.block.udp().fd(port), port));
		try {
			discardQueued(channel);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
		this.udpServers[port - this.block.firstPort()] = channel;
		return channel;
	}

	/**
	 * Drop the datagrams the holder received while no server was there (a fresh socket
	 * would never have seen them), so the server reads only what was sent to it.
	 */
	private static void discardQueued(DatagramChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(1);
		channel.configureBlocking(false);
		while (channel.receive(buffer) != null) {
			buffer.clear();
		}
		channel.configureBlocking(true);
	}

	/**
	 * Stop the holder of a port listening if the channel handed over is closed.
	 * @param port a port of the block
	 */
	void serverMayHaveClosed(int port) {
		int index = port - this.block.firstPort();
		Channel server = (this.tcpServers != null) ? this.tcpServers[index] : null;
		if (server != null && !server.isOpen()) {
			this.tcpServers[index] = null;
			stopListening(port);
		}
	}

	/**
	 * Forget the channels of a port whose lease closed them all.
	 * @param port a port of the block
	 */
	void returned(int port) {
		int index = port - this.block.firstPort();
		if (this.udpServers != null) {
			this.udpServers[index] = null;
		}
		serverMayHaveClosed(port);
		// a channel the lease never saw (its hand-off failed half way) must not keep the
		// port listening
		if (this.tcpServers != null && this.tcpServers[index] == null) {
			stopListening(port);
		}
	}

	private void stopListening(int port) {
		int index = port - this.block.firstPort();
		if (this.listening == null || !this.listening[index]) {
			return;
		}
		int holder = this.block.tcp().fd(port);
		// cleared first: a bound holder with SO_REUSEADDR would let SO_REUSEADDR sockets
		// bind beside it
		setReuseAddress(this.calls, holder, false, port);
		if (!this.canStopListening) {
			resetStrays(index, holder, port);
			return;
		}
		int errno = this.calls.stopListening(holder, port);
		if (errno != 0) {
			throw Errno.failure(((this.calls instanceof JdkSocketCalls) ? "shutdown(SHUT_RD)" : "connect(AF_UNSPEC)")
					+ " to stop the holder of port " + port + " listening", errno);
		}
		this.listening[index] = false;
	}

	private void resetStrays(int index, int holder, int port) {
		if (this.strayResets == null) {
			this.strayResets = new StrayReset[this.block.count()];
		}
		if (this.strayResets[index] == null) {
			try {
				this.strayResets[index] = new StrayReset(
						DescriptorChannels.serverSocketChannel(duplicate(holder, port), null), port);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not wrap the holder of port " + port
						+ " to reset the connections it receives while no server serves it", ex);
			}
		}
	}

	private void stopResettingStrays(int index) {
		StrayReset reset = (this.strayResets != null) ? this.strayResets[index] : null;
		if (reset != null) {
			this.strayResets[index] = null;
			reset.close();
		}
	}

	/**
	 * Stop every reset of strays, closing the duplicates of the holders they own, before
	 * the block is released (a duplicate left open would keep its port bound).
	 */
	void close() {
		if (this.strayResets != null) {
			for (int i = 0; i < this.strayResets.length; i++) {
				stopResettingStrays(i);
			}
		}
	}

	private void listen(int holder, int port, int backlog, boolean already) {
		if (already) {
			// listen() on a listening socket only changes its backlog
			int errno = this.calls.listen(holder, backlog, port);
			if (errno != 0) {
				throw Errno.failure("listen on the holder of port " + port, errno);
			}
			return;
		}
		int errno = this.calls.listen(holder, backlog, port);
		if (errno == 0) {
			setReuseAddress(this.calls, holder, true, port);
			return;
		}
		if (errno != Errno.EADDRINUSE) {
			throw Errno.failure("listen on the holder of port " + port, errno);
		}
		// TIME_WAIT entries left by the connections of an earlier server yield to
		// SO_REUSEADDR (they inherited it from the listener); a socket that listens does
		// not.
		setReuseAddress(this.calls, holder, true, port);
		errno = this.calls.listen(holder, backlog, port);
		if (errno != 0) {
			setReuseAddress(this.calls, holder, false, port);
			if (errno == Errno.EADDRINUSE) {
				throw new BindLostException(port, "Another socket listens on port " + port
						+ ": it bound the port beside the holder while the holder let TIME_WAIT entries be passed, "
						+ "and listened first; the port is lost to it until it closes", null);
			}
			throw Errno.failure("listen (SO_REUSEADDR) on the holder of port " + port, errno);
		}
	}

	private int duplicate(int holder, int port) {
		int duplicate = this.calls.duplicate(holder, port);
		if (duplicate < 0) {
			throw Errno.failure("dup of the holder of port " + port, -duplicate);
		}
		return duplicate;
	}

	private static void checkNoOpenServer(@Nullable Channel server, int port, String protocol) {
		if (server != null && server.isOpen()) {
			throw new IllegalStateException("A " + protocol + " channel handed over on port " + port
					+ " is still open; close it before opening another on the same lease");
		}
	}

	static void setReuseAddress(SocketCalls calls, int fd, boolean on, int port) {
		int errno = calls.setReuseAddress(fd, on, port);
		if (errno != 0) {
			throw Errno.failure("setsockopt(SO_REUSEADDR, " + (on ? 1 : 0) + ") on the holder of port " + port, errno);
		}
	}

}
