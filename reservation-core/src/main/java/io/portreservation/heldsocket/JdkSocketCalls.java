package io.portreservation.heldsocket;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;

import io.portreservation.NativeReservationException;
import org.jspecify.annotations.Nullable;

/**
 * Holder calls through the JDK's own natives in {@code sun.nio.ch} (Linux, with
 * {@value DescriptorChannels#FLAG}): the natives every JDK socket channel already uses,
 * so a reservation loads no JNA class and no native library beyond the JDK's
 * {@code libnio}. The same methods, with the same signatures, exist on JDK 17 to 25:
 * <ul>
 * <li>{@code Net.socket0(boolean preferIPv6, boolean stream, boolean reuse, boolean fastLoopback)}
 * (what {@code Net.socket(ProtocolFamily, boolean)} calls): {@code socket()}, no
 * {@code SO_REUSEADDR}, {@code IPV6_V6ONLY} cleared where IPv4 works, the {@code int}
 * returned as is;</li>
 * <li>{@code Net.bind(ProtocolFamily, FileDescriptor, InetAddress, int)},
 * {@code Net.listen}, {@code Net.shutdown}, {@code Net.setSocketOption},
 * {@code Net.localPort};</li>
 * <li>{@code IOUtil.newFD(int)}: a {@code FileDescriptor} made this way has no cleaner,
 * so dropping it closes nothing (only the {@code int} is kept);</li>
 * <li>{@code InheritedChannel.dup(int)}, {@code close0(int)}, {@code soType0(int)},
 * {@code addressFamily(int)}; {@code IOUtil.fdLimit()}.</li>
 * </ul>
 * The natives report a failure as an exception whose message is the C library's text for
 * the {@code errno}; {@link Errno#fromMessage} maps it back. Unlike libc's
 * {@code SOCK_CLOEXEC}, these descriptors are inherited across a bare {@code exec}, like
 * those of every JDK channel; the JDK's own process launch closes them in the child.
 */
final class JdkSocketCalls implements SocketCalls {

	private static final int SHUT_RD = 0;

	/** {@code InheritedChannel}'s own numbering, not the kernel's. */
	private static final int JDK_SOCK_DGRAM = 2;

	private static final int JDK_AF_INET = 1;

	private static final int JDK_AF_INET6 = 2;

	private final Internal socket;

	private final Internal bind;

	private final Internal listen;

	private final Internal shutdown;

	private final Internal setOption;

	private final Internal localPort;

	private final Internal newFd;

	private final Internal dup;

	private final Internal close;

	private final Internal soType;

	private final Internal addressFamily;

	private final Internal fdLimit;

	/**
	 * Net.bind works out IPv4 or IPv6 itself, as Net.socket0 does from its preferIPv6
	 * argument.
	 */
	private final ProtocolFamily family = StandardProtocolFamily.INET6;

	private final InetAddress wildcard;

	private JdkSocketCalls() throws Throwable {
		// not initialized here: each is initialized by its first call (InheritedChannel
		// only when a holder closes)
		Class<?> net = Class.forName("sun.nio.ch.Net", false, null);
		Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil", false, null);
		Class<?> inherited = Class.forName("sun.nio.ch.InheritedChannel", false, null);
		Class<?> fd = FileDescriptor.class;
		this.socket = new Internal(net, "socket0", int.class, boolean.class, boolean.class, boolean.class,
				boolean.class);
		this.bind = new Internal(net, "bind", void.class, ProtocolFamily.class, fd, InetAddress.class, int.class);
		this.listen = new Internal(net, "listen", void.class, fd, int.class);
		this.shutdown = new Internal(net, "shutdown", void.class, fd, int.class);
		this.setOption = new Internal(net, "setSocketOption", void.class, fd, SocketOption.class, Object.class);
		this.localPort = new Internal(net, "localPort", int.class, fd);
		this.newFd = new Internal(ioUtil, "newFD", FileDescriptor.class, int.class);
		this.fdLimit = new Internal(ioUtil, "fdLimit", int.class);
		this.dup = new Internal(inherited, "dup", int.class, int.class);
		this.close = new Internal(inherited, "close0", void.class, int.class);
		this.soType = new Internal(inherited, "soType0", int.class, int.class);
		this.addressFamily = new Internal(inherited, "addressFamily", int.class, int.class);
		// 0.0.0.0 binds as [::] on a dual-stack socket, as for any JDK channel
		this.wildcard = InetAddress.getByAddress(new byte[4]);
	}

	/**
	 * The JDK's natives, where they can be reached.
	 * @return the calls, or {@code null} off Linux, without
	 * {@value DescriptorChannels#FLAG}, or on a JDK whose internals differ
	 */
	static @Nullable JdkSocketCalls create() {
		if (!LibCAPI.LINUX) {
			return null;
		}
		try {
			return new JdkSocketCalls();
		}
		catch (Throwable ex) {
			// InaccessibleObjectException without the flag, NoSuchMethodException on
			// another JDK
			return null;
		}
	}

	@Override
	public int socket(boolean stream, int port) {
		try {
			// the last argument matters on Windows only
			return (int) this.socket.get().invokeExact(true, stream, false, false);
		}
		catch (Throwable ex) {
			return -errno("sun.nio.ch.Net.socket0 (socket()) for port " + port, ex);
		}
	}

	@Override
	public int bind(int fd, int port) {
		try {
			this.bind.get().invokeExact(this.family, fd(fd), this.wildcard, port);
			return 0;
		}
		catch (Throwable ex) {
			return errno("sun.nio.ch.Net.bind (bind()) on port " + port, ex);
		}
	}

	@Override
	public int setReuseAddress(int fd, boolean on, int port) {
		try {
			this.setOption.get()
				.invokeExact(fd(fd), (SocketOption<?>) StandardSocketOptions.SO_REUSEADDR,
						(Object) Boolean.valueOf(on));
			return 0;
		}
		catch (Throwable ex) {
			return errno(
					"sun.nio.ch.Net.setSocketOption (setsockopt(SO_REUSEADDR, " + (on ? 1 : 0) + ")) on port " + port,
					ex);
		}
	}

	@Override
	public int listen(int fd, int backlog, int port) {
		try {
			this.listen.get().invokeExact(fd(fd), backlog);
			return 0;
		}
		catch (Throwable ex) {
			return errno("sun.nio.ch.Net.listen (listen()) on port " + port, ex);
		}
	}

	@Override
	public int stopListening(int fd, int port) {
		// Linux's inet_shutdown disconnects a listening socket on SHUT_RD, as
		// connect(AF_UNSPEC) does
		try {
			this.shutdown.get().invokeExact(fd(fd), SHUT_RD);
			return 0;
		}
		catch (Throwable ex) {
			return errno("sun.nio.ch.Net.shutdown (shutdown(SHUT_RD)) on port " + port, ex);
		}
	}

	@Override
	public int duplicate(int fd, int port) {
		try {
			return (int) this.dup.get().invokeExact(fd);
		}
		catch (Throwable ex) {
			return -errno("sun.nio.ch.InheritedChannel.dup (dup()) of the holder of port " + port, ex);
		}
	}

	@Override
	public void close(int fd) {
		try {
			this.close.get().invokeExact(fd);
		}
		catch (Throwable ex) {
			// close() releases the descriptor even when it reports an error
		}
	}

	@Override
	public int boundPort(int fd) {
		try {
			int af = (int) this.addressFamily.get().invokeExact(fd);
			if (af != JDK_AF_INET && af != JDK_AF_INET6) {
				return -1;
			}
			return (int) this.localPort.get().invokeExact(fd(fd));
		}
		catch (Throwable ex) {
			return -1;
		}
	}

	@Override
	public boolean isDatagramSocket(int fd) {
		try {
			return (int) this.soType.get().invokeExact(fd) == JDK_SOCK_DGRAM;
		}
		catch (Throwable ex) {
			return false;
		}
	}

	@Override
	public long openFileLimit() {
		try {
			return (int) this.fdLimit.get().invokeExact();
		}
		catch (Throwable ex) {
			return -1;
		}
	}

	private FileDescriptor fd(int fd) throws Throwable {
		return (FileDescriptor) this.newFd.get().invokeExact(fd);
	}

	/**
	 * The {@code errno} of a failed call, from the JDK's message.
	 * @throws NativeReservationException if the message names no known {@code errno}
	 */
	private static int errno(String call, Throwable ex) {
		if (ex instanceof IOException) {
			int errno = Errno.fromMessage(ex.getMessage());
			if (errno == 0) {
				throw new NativeReservationException(call, -1, ex.getClass().getSimpleName(),
						String.valueOf(ex.getMessage()));
			}
			return errno;
		}
		if (ex instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (ex instanceof Error error) {
			throw error;
		}
		throw new IllegalStateException(call + " failed unexpectedly", ex);
	}

	/**
	 * One internal method: found and made accessible up front (so a JDK that lacks it is
	 * noticed before any socket exists), turned into a method handle on first use (each
	 * handle costs a fresh JVM a generated class or two, and a reservation uses three).
	 */
	private static final class Internal {

		private final Method method;

		private @Nullable MethodHandle handle;

		Internal(Class<?> type, String name, Class<?> returns, Class<?>... parameters)
				throws ReflectiveOperationException {
			Method method = type.getDeclaredMethod(name, parameters);
			if (method.getReturnType() != returns || !Modifier.isStatic(method.getModifiers())) {
				throw new NoSuchMethodException(type.getName() + "." + name + " returns " + method.getReturnType());
			}
			method.setAccessible(true);
			this.method = method;
		}

		MethodHandle get() throws IllegalAccessException {
			MethodHandle handle = this.handle;
			if (handle == null) {
				handle = MethodHandles.lookup().unreflect(this.method);
				this.handle = handle;
			}
			return handle;
		}

	}

}
