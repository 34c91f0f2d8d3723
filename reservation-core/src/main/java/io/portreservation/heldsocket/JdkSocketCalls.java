package io.portreservation.heldsocket;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;

import org.jspecify.annotations.Nullable;

import io.portreservation.NativeReservationException;

/**
 * Holder calls through the JDK's own natives in {@code sun.nio.ch} (Linux, with
 * {@value DescriptorChannels#FLAG}): the natives every JDK socket channel already uses,
 * so a reservation loads no JNA class and no native library beyond the JDK's
 * {@code libnio}. The same methods, with the same signatures, exist on JDK 17 to 25:
 * <ul>
 * <li>{@code Net.socket(ProtocolFamily, boolean)}: {@code socket()}, no
 * {@code SO_REUSEADDR}, {@code IPV6_V6ONLY} cleared where IPv4 works;</li>
 * <li>{@code Net.bind(ProtocolFamily, FileDescriptor, InetAddress, int)},
 * {@code Net.listen}, {@code Net.shutdown}, {@code Net.setSocketOption},
 * {@code Net.localPort};</li>
 * <li>{@code IOUtil.newFD(int)} and {@code IOUtil.fdVal}: a {@code FileDescriptor}
 * made this way has no cleaner, so dropping it closes nothing (only the {@code int} is
 * kept);</li>
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

	private final MethodHandle socket;

	private final MethodHandle bind;

	private final MethodHandle listen;

	private final MethodHandle shutdown;

	private final MethodHandle setOption;

	private final MethodHandle localPort;

	private final MethodHandle newFd;

	private final MethodHandle fdVal;

	private final MethodHandle dup;

	private final MethodHandle close;

	private final MethodHandle soType;

	private final MethodHandle addressFamily;

	private final MethodHandle fdLimit;

	private final ProtocolFamily family;

	private final InetAddress wildcard;

	private JdkSocketCalls() throws Throwable {
		Class<?> net = Class.forName("sun.nio.ch.Net");
		Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil");
		Class<?> inherited = Class.forName("sun.nio.ch.InheritedChannel");
		Class<?> fd = FileDescriptor.class;
		this.socket = handle(net, "socket", FileDescriptor.class, ProtocolFamily.class, boolean.class);
		this.bind = handle(net, "bind", void.class, ProtocolFamily.class, fd, InetAddress.class, int.class);
		this.listen = handle(net, "listen", void.class, fd, int.class);
		this.shutdown = handle(net, "shutdown", void.class, fd, int.class);
		this.setOption = handle(net, "setSocketOption", void.class, fd, SocketOption.class, Object.class);
		this.localPort = handle(net, "localPort", int.class, fd);
		this.newFd = handle(ioUtil, "newFD", FileDescriptor.class, int.class);
		this.fdVal = handle(ioUtil, "fdVal", int.class, fd);
		this.fdLimit = handle(ioUtil, "fdLimit", int.class);
		this.dup = handle(inherited, "dup", int.class, int.class);
		this.close = handle(inherited, "close0", void.class, int.class);
		this.soType = handle(inherited, "soType0", int.class, int.class);
		this.addressFamily = handle(inherited, "addressFamily", int.class, int.class);
		boolean ipv6 = (boolean) handle(net, "isIPv6Available", boolean.class).invokeExact();
		this.family = ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
		// 0.0.0.0 binds as [::] on a dual-stack socket, as for any JDK channel
		this.wildcard = InetAddress.getByAddress(new byte[4]);
	}

	private static MethodHandle handle(Class<?> type, String name, Class<?> returns, Class<?>... parameters)
			throws ReflectiveOperationException {
		Method method = type.getDeclaredMethod(name, parameters);
		method.setAccessible(true);
		MethodHandle handle = MethodHandles.lookup().unreflect(method);
		if (!handle.type().equals(MethodType.methodType(returns, parameters))) {
			throw new NoSuchMethodException(type.getName() + "." + name + " is " + handle.type());
		}
		return handle;
	}

	/**
	 * The JDK's natives, where they can be reached.
	 * @return the calls, or {@code null} off Linux, without {@value DescriptorChannels#FLAG},
	 * or on a JDK whose internals differ
	 */
	static @Nullable JdkSocketCalls create() {
		if (!LibCAPI.LINUX || DescriptorChannels.unavailableReason() != null) {
			return null;
		}
		try {
			return new JdkSocketCalls();
		}
		catch (Throwable ex) {
			// InaccessibleObjectException without the flag, NoSuchMethodException on another JDK
			return null;
		}
	}

	@Override
	public int socket(boolean stream, int port) {
		try {
			return fdVal((FileDescriptor) this.socket.invokeExact(this.family, stream));
		}
		catch (IOException ex) {
			return -errno("sun.nio.ch.Net.socket (socket()) for port " + port, ex);
		}
		catch (Throwable ex) {
			throw unexpected("sun.nio.ch.Net.socket (socket()) for port " + port, ex);
		}
	}

	@Override
	public int bind(int fd, int port) {
		try {
			this.bind.invokeExact(this.family, fd(fd), this.wildcard, port);
			return 0;
		}
		catch (IOException ex) {
			return errno("sun.nio.ch.Net.bind (bind()) on port " + port, ex);
		}
		catch (Throwable ex) {
			throw unexpected("sun.nio.ch.Net.bind (bind()) on port " + port, ex);
		}
	}

	@Override
	public int setReuseAddress(int fd, boolean on, int port) {
		String call = "sun.nio.ch.Net.setSocketOption (setsockopt(SO_REUSEADDR, " + (on ? 1 : 0) + ")) on port " + port;
		try {
			this.setOption.invokeExact(fd(fd), (SocketOption<?>) StandardSocketOptions.SO_REUSEADDR,
					(Object) Boolean.valueOf(on));
			return 0;
		}
		catch (IOException ex) {
			return errno(call, ex);
		}
		catch (Throwable ex) {
			throw unexpected(call, ex);
		}
	}

	@Override
	public int listen(int fd, int backlog, int port) {
		try {
			this.listen.invokeExact(fd(fd), backlog);
			return 0;
		}
		catch (IOException ex) {
			return errno("sun.nio.ch.Net.listen (listen()) on port " + port, ex);
		}
		catch (Throwable ex) {
			throw unexpected("sun.nio.ch.Net.listen (listen()) on port " + port, ex);
		}
	}

	@Override
	public int stopListening(int fd, int port) {
		// Linux's inet_shutdown disconnects a listening socket on SHUT_RD, as connect(AF_UNSPEC) does
		try {
			this.shutdown.invokeExact(fd(fd), SHUT_RD);
			return 0;
		}
		catch (IOException ex) {
			return errno("sun.nio.ch.Net.shutdown (shutdown(SHUT_RD)) on port " + port, ex);
		}
		catch (Throwable ex) {
			throw unexpected("sun.nio.ch.Net.shutdown (shutdown(SHUT_RD)) on port " + port, ex);
		}
	}

	@Override
	public int duplicate(int fd, int port) {
		try {
			return (int) this.dup.invokeExact(fd);
		}
		catch (IOException ex) {
			return -errno("sun.nio.ch.InheritedChannel.dup (dup()) of the holder of port " + port, ex);
		}
		catch (Throwable ex) {
			throw unexpected("sun.nio.ch.InheritedChannel.dup (dup()) of the holder of port " + port, ex);
		}
	}

	@Override
	public void close(int fd) {
		try {
			this.close.invokeExact(fd);
		}
		catch (Throwable ex) {
			// close() releases the descriptor even when it reports an error
		}
	}

	@Override
	public int boundPort(int fd) {
		try {
			int af = (int) this.addressFamily.invokeExact(fd);
			if (af != JDK_AF_INET && af != JDK_AF_INET6) {
				return -1;
			}
			return (int) this.localPort.invokeExact(fd(fd));
		}
		catch (Throwable ex) {
			return -1;
		}
	}

	@Override
	public boolean isDatagramSocket(int fd) {
		try {
			return (int) this.soType.invokeExact(fd) == JDK_SOCK_DGRAM;
		}
		catch (Throwable ex) {
			return false;
		}
	}

	@Override
	public long openFileLimit() {
		try {
			return (int) this.fdLimit.invokeExact();
		}
		catch (Throwable ex) {
			return -1;
		}
	}

	private FileDescriptor fd(int fd) throws Throwable {
		return (FileDescriptor) this.newFd.invokeExact(fd);
	}

	private int fdVal(FileDescriptor fd) throws Throwable {
		return (int) this.fdVal.invokeExact(fd);
	}

	private static int errno(String call, IOException ex) {
		int errno = Errno.fromMessage(ex.getMessage());
		if (errno == 0) {
			throw new NativeReservationException(call, -1, ex.getClass().getSimpleName(), String.valueOf(ex.getMessage()));
		}
		return errno;
	}

	private static RuntimeException unexpected(String call, Throwable ex) {
		if (ex instanceof RuntimeException runtime) {
			return runtime;
		}
		if (ex instanceof Error error) {
			throw error;
		}
		return new IllegalStateException(call + " failed unexpectedly", ex);
	}

}
