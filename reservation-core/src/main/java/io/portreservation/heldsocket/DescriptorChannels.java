package io.portreservation.heldsocket;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a socket descriptor in the JDK's own channel classes, so that a server serves on
 * the holder's socket itself and no second socket ever has to bind the port. The JDK has
 * no public way to do it: the package-private constructors
 * {@code sun.nio.ch.ServerSocketChannelImpl(SelectorProvider, ProtocolFamily, FileDescriptor, boolean)}
 * and {@code sun.nio.ch.DatagramChannelImpl(SelectorProvider, FileDescriptor)} (the same
 * on JDK 17, 21 and 25) are called from inside that package ({@link InternalCalls}),
 * which needs {@value #FLAG} on the command line. Without it, or on a JDK whose internals
 * differ, {@link #isAvailable()} says no (once, at INFO, naming the flag) and the backend
 * falls back to hand-offs with a short window on Linux; on macOS, where a second socket
 * cannot bind the holder's wildcard address at all, a wildcard hand-off then fails with
 * an error naming the flag.
 *
 * <p>
 * The channels returned own the descriptor they are given and close it: always pass a
 * duplicate.
 */
final class DescriptorChannels {

	/** The JVM option that makes the wrapping possible. */
	static final String FLAG = "--add-opens java.base/sun.nio.ch=ALL-UNNAMED";

	private static final AtomicBoolean reported = new AtomicBoolean();

	private DescriptorChannels() {
	}

	/**
	 * Looked up when something is logged: a reservation that logs nothing never
	 * initializes the logging.
	 */
	private static Logger logger() {
		return LoggerFactory.getLogger(DescriptorChannels.class);
	}

	/**
	 * Whether descriptors can be wrapped. The first call that says no logs why, once per
	 * JVM, at INFO.
	 * @return {@code true} if {@link #serverSocketChannel} and {@link #datagramChannel}
	 * work
	 */
	static boolean isAvailable() {
		String unavailable = unavailableReason();
		if (unavailable == null) {
			return true;
		}
		if (LibCAPI.MAC) {
			// no fallback to log: a wildcard hand-off fails, naming the flag
			// (HeldSocketReservation)
			return false;
		}
		if (reported.compareAndSet(false, true)) {
			logger().info("Held ports are handed to servers through a short SO_REUSEADDR window, in which another "
					+ "process's socket could take the port (a lost hand-off fails loudly): the holding socket "
					+ "itself cannot be handed over here ({}). Add {} to the JVM's options to hand over with no "
					+ "window.", unavailable, FLAG);
		}
		return false;
	}

	/**
	 * Why descriptors cannot be wrapped.
	 * @return the reason, or {@code null} if they can
	 */
	static @Nullable String unavailableReason() {
		return InternalCalls.unavailableReason();
	}

	/**
	 * Wrap a bound, listening TCP socket.
	 * @param fd the descriptor, owned by the channel from now on
	 * @param onClose what to run once the channel is closed, in the thread that closes it
	 * (it must not block on anything the closing thread could hold); {@code null} for
	 * nothing
	 * @return a blocking channel that reports the socket's own local address
	 * @throws IOException if the JDK cannot read the socket's address
	 */
	static ServerSocketChannel serverSocketChannel(int fd, @Nullable Runnable onClose) throws IOException {
		return (ServerSocketChannel) InternalCalls.channel(InternalCalls.SERVER_SOCKET_CHANNEL, fd, onClose);
	}

	/**
	 * Wrap a bound UDP socket.
	 * @param fd the descriptor, owned by the channel from now on
	 * @return a blocking channel
	 * @throws IOException if the JDK cannot read the socket's address
	 */
	static DatagramChannel datagramChannel(int fd) throws IOException {
		return (DatagramChannel) InternalCalls.channel(InternalCalls.DATAGRAM_CHANNEL, fd, null);
	}

}
