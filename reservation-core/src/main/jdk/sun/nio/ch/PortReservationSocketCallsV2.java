package sun.nio.ch;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.Channel;
import java.nio.channels.spi.SelectorProvider;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

import jdk.internal.access.JavaIOFileDescriptorAccess;
import jdk.internal.access.SharedSecrets;

/**
 * The socket calls of the port-reservation library's held-socket backend, made with plain
 * calls to this package's natives. Not part of the JDK: the library embeds these bytes in
 * a class of its own and defines them into {@code java.base} at run time (through
 * {@code MethodHandles.privateLookupIn}, which {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}
 * allows), because reaching the same natives through reflection or method handles makes a
 * fresh JVM generate classes for every call's shape, several milliseconds of its first
 * reservation. The name carries the version of the calls below: two copies of the library
 * in one JVM share this class only if they make the same calls.
 *
 * <p>
 * Uses only members whose signatures are the same on JDK 17 to 25; on a newer JDK the
 * library first asks {@link #CHECK_MEMBERS}, since a call to a member that is missing
 * would fail only when it is made. The library calls it through {@link ToIntFunction} and
 * {@link BiFunction}, types both sides see: {@code call[0]} is the call's number, the rest
 * its arguments; a server channel's second argument is what to run when it is closed
 * ({@link PortReservationServerChannelV2}). A failure escapes as an
 * {@link UncheckedIOException} around the JDK's own exception, whose message is the C
 * library's text for the {@code errno}.
 */
public final class PortReservationSocketCallsV2 implements ToIntFunction<int[]>, BiFunction<int[], Runnable, Channel> {

	/** {@code socket(AF_INET6, stream ? SOCK_STREAM : SOCK_DGRAM, 0)}, dual-stack: {stream}. */
	static final int SOCKET = 0;

	/** {@code bind} to the wildcard address: {fd, port}. */
	static final int BIND = 1;

	/** {@code setsockopt(SO_REUSEADDR)}: {fd, on}. */
	static final int SET_REUSE_ADDRESS = 2;

	/** {@code listen}: {fd, backlog}. */
	static final int LISTEN = 3;

	/** {@code shutdown(SHUT_RD)}: {fd}. */
	static final int SHUTDOWN_READ = 4;

	/** {@code close}: {fd}. */
	static final int CLOSE = 5;

	/** The soft limit of open descriptors: {}. */
	static final int FD_LIMIT = 6;

	/** The port an IPv4 or IPv6 socket is bound to: {fd}. */
	static final int LOCAL_PORT = 9;

	/**
	 * Looks up every member the calls use, by reflection: {}; an
	 * {@link UnsupportedOperationException} names the first one missing.
	 */
	static final int CHECK_MEMBERS = 10;

	/**
	 * A blocking {@code ServerSocketChannel} on a bound, listening TCP socket, which it
	 * owns from then on: {fd}, and what to run once it is closed (or {@code null}).
	 */
	static final int SERVER_SOCKET_CHANNEL = 7;

	/** A blocking {@code DatagramChannel} on a bound UDP socket, which it owns: {fd}. */
	static final int DATAGRAM_CHANNEL = 8;

	/** 0.0.0.0, which binds as [::] on a dual-stack socket, as for every JDK channel. */
	private static final InetAddress WILDCARD = wildcard();

	@Override
	public int applyAsInt(int[] call) {
		try {
			switch (call[0]) {
				case SOCKET:
					// Net.socket0(preferIPv6, stream, reuse = false, ...): IPV6_V6ONLY cleared
					return IOUtil.fdVal(Net.socket(StandardProtocolFamily.INET6, call[1] != 0));
				case BIND:
					Net.bind(StandardProtocolFamily.INET6, fd(call[1]), WILDCARD, call[2]);
					return 0;
				case SET_REUSE_ADDRESS:
					Net.setSocketOption(fd(call[1]), StandardSocketOptions.SO_REUSEADDR, call[2] != 0);
					return 0;
				case LISTEN:
					Net.listen(fd(call[1]), call[2]);
					return 0;
				case SHUTDOWN_READ:
					Net.shutdown(fd(call[1]), Net.SHUT_RD);
					return 0;
				case CLOSE:
					// FileDescriptor.close(): close() on every platform's JDK
					SharedSecrets.getJavaIOFileDescriptorAccess().close(fd(call[1]));
					return 0;
				case FD_LIMIT:
					return IOUtil.fdLimit();
				case LOCAL_PORT:
					return Net.localAddress(fd(call[1])).getPort();
				case CHECK_MEMBERS:
					checkMembers();
					return 0;
				default:
					throw new IllegalArgumentException("No call " + call[0]);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public Channel apply(int[] call, Runnable onClose) {
		try {
			switch (call[0]) {
				case SERVER_SOCKET_CHANNEL:
					return new PortReservationServerChannelV2(fd(call[1]), onClose);
				case DATAGRAM_CHANNEL:
					return new DatagramChannelImpl(SelectorProvider.provider(), fd(call[1]));
				default:
					throw new IllegalArgumentException("No call " + call[0]);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void checkMembers() {
		try {
			Net.class.getDeclaredMethod("socket", ProtocolFamily.class, boolean.class);
			Net.class.getDeclaredMethod("bind", ProtocolFamily.class, FileDescriptor.class, InetAddress.class,
					int.class);
			Net.class.getDeclaredMethod("setSocketOption", FileDescriptor.class, SocketOption.class, Object.class);
			Net.class.getDeclaredMethod("listen", FileDescriptor.class, int.class);
			Net.class.getDeclaredMethod("shutdown", FileDescriptor.class, int.class);
			Net.class.getDeclaredMethod("localAddress", FileDescriptor.class);
			Net.class.getDeclaredField("SHUT_RD");
			IOUtil.class.getDeclaredMethod("newFD", int.class);
			IOUtil.class.getDeclaredMethod("fdVal", FileDescriptor.class);
			IOUtil.class.getDeclaredMethod("fdLimit");
			ServerSocketChannelImpl.class.getDeclaredConstructor(SelectorProvider.class, ProtocolFamily.class,
					FileDescriptor.class, boolean.class);
			ServerSocketChannelImpl.class.getDeclaredMethod("implCloseSelectableChannel");
			DatagramChannelImpl.class.getDeclaredConstructor(SelectorProvider.class, FileDescriptor.class);
			JavaIOFileDescriptorAccess.class.getDeclaredMethod("close", FileDescriptor.class);
		}
		catch (NoSuchMethodException | NoSuchFieldException ex) {
			throw new UnsupportedOperationException("This JDK lacks " + ex.getMessage(), ex);
		}
	}

	/** A descriptor object with no cleaner: dropping it closes nothing. */
	private static FileDescriptor fd(int fd) {
		return IOUtil.newFD(fd);
	}

	private static InetAddress wildcard() {
		try {
			return InetAddress.getByAddress(new byte[4]);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
