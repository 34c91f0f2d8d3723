package io.portreservation.heldsocket;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.spi.SelectorProvider;
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
 * on JDK 17, 21 and 25) take the descriptor that {@code sun.nio.ch.IOUtil.newFD(int)}
 * makes, which needs {@value #FLAG} on the command line. Without it, or on a JDK that
 * lacks these constructors, {@link #isAvailable()} says no (once, at INFO, naming the
 * flag) and the backend falls back to hand-offs with a short window on Linux; on macOS,
 * where a second socket cannot bind the holder's wildcard address at all, a wildcard
 * hand-off then fails with an error naming the flag.
 *
 * <p>
 * The channels returned own the descriptor they are given and close it: always pass a
 * duplicate.
 */
final class DescriptorChannels {

	/** The JVM option that makes the wrapping possible. */
	static final String FLAG = "--add-opens java.base/sun.nio.ch=ALL-UNNAMED";

	/**
	 * Looked up when something is logged: a reservation that logs nothing never
	 * initializes the logging.
	 */
	private static Logger logger() {
		return LoggerFactory.getLogger(DescriptorChannels.class);
	}

	private static final @Nullable MethodHandle NEW_FD;

	private static final @Nullable MethodHandle SERVER_SOCKET;

	private static final @Nullable MethodHandle DATAGRAM;

	private static final @Nullable String UNAVAILABLE;

	private static final AtomicBoolean reported = new AtomicBoolean();

	static {
		MethodHandle newFd = null;
		MethodHandle serverSocket = null;
		MethodHandle datagram = null;
		String unavailable = null;
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil");
			newFd = lookup.unreflect(accessible(ioUtil.getDeclaredMethod("newFD", int.class)))
				.asType(MethodType.methodType(FileDescriptor.class, int.class));
			serverSocket = lookup.unreflectConstructor(accessible(Class.forName("sun.nio.ch.ServerSocketChannelImpl")
				.getDeclaredConstructor(SelectorProvider.class, ProtocolFamily.class, FileDescriptor.class,
						boolean.class)));
			datagram = lookup.unreflectConstructor(accessible(Class.forName("sun.nio.ch.DatagramChannelImpl")
				.getDeclaredConstructor(SelectorProvider.class, FileDescriptor.class)));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// InaccessibleObjectException without the flag; NoSuchMethodException on
			// another JDK
			unavailable = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			newFd = null;
			serverSocket = null;
			datagram = null;
		}
		NEW_FD = newFd;
		SERVER_SOCKET = serverSocket;
		DATAGRAM = datagram;
		UNAVAILABLE = unavailable;
	}

	private DescriptorChannels() {
	}

	private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
		member.setAccessible(true);
		return member;
	}

	/**
	 * Whether descriptors can be wrapped. The first call that says no logs why, once per
	 * JVM, at INFO.
	 * @return {@code true} if {@link #serverSocketChannel} and {@link #datagramChannel}
	 * work
	 */
	static boolean isAvailable() {
		if (UNAVAILABLE == null) {
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
					+ "window.", UNAVAILABLE, FLAG);
		}
		return false;
	}

	/**
	 * Why descriptors cannot be wrapped.
	 * @return the reason, or {@code null} if they can
	 */
	static @Nullable String unavailableReason() {
		return UNAVAILABLE;
	}

	/**
	 * Wrap a bound, listening TCP socket.
	 * @param fd the descriptor, owned by the channel from now on
	 * @return a blocking channel that reports the socket's own local address
	 * @throws IOException if the JDK cannot read the socket's address
	 */
	static ServerSocketChannel serverSocketChannel(int fd) throws IOException {
		MethodHandle constructor = require(SERVER_SOCKET);
		try {
			// the family argument is not used for inet sockets (the JDK picks it from its
			// IPv6 support)
			return (ServerSocketChannel) constructor.invoke(SelectorProvider.provider(), StandardProtocolFamily.INET6,
					newFd(fd), true);
		}
		catch (IOException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Wrap a bound UDP socket.
	 * @param fd the descriptor, owned by the channel from now on
	 * @return a blocking channel
	 * @throws IOException if the JDK cannot read the socket's address
	 */
	static DatagramChannel datagramChannel(int fd) throws IOException {
		MethodHandle constructor = require(DATAGRAM);
		try {
			return (DatagramChannel) constructor.invoke(SelectorProvider.provider(), newFd(fd));
		}
		catch (IOException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static FileDescriptor newFd(int fd) throws Throwable {
		return (FileDescriptor) require(NEW_FD).invokeExact(fd);
	}

	private static MethodHandle require(@Nullable MethodHandle handle) {
		if (handle == null) {
			throw new IllegalStateException("Descriptors cannot be wrapped here: " + UNAVAILABLE);
		}
		return handle;
	}

}
