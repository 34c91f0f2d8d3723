package io.portreservation.heldsocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import io.portreservation.NativeReservationException;
import org.jspecify.annotations.Nullable;

/**
 * Holder calls through the JDK's own natives in {@code sun.nio.ch} (Linux, with
 * {@value DescriptorChannels#FLAG}): the natives every JDK socket channel already uses,
 * so a reservation loads no JNA class and no native library beyond the JDK's
 * {@code libnio}. The calls a reservation makes go through {@link InternalCalls}, which
 * generates no class; the rarer ones ({@code dup} when a server takes a port, the
 * descriptor census after a restart) reach private natives of {@code InheritedChannel}
 * through method handles. All have the same signatures on JDK 17 to 25.
 * <p>
 * The natives report a failure as an exception whose message is the C library's text for
 * the {@code errno}; {@link Errno#fromMessage} maps it back. Unlike libc's
 * {@code SOCK_CLOEXEC}, these descriptors are inherited across a bare {@code exec}, like
 * those of every JDK channel; the JDK's own process launch closes them in the child.
 */
final class JdkSocketCalls implements SocketCalls {

	/** {@code InheritedChannel}'s own numbering, not the kernel's. */
	private static final int JDK_SOCK_DGRAM = 2;

	private static final int JDK_AF_INET = 1;

	private static final int JDK_AF_INET6 = 2;

	private final Internal dup;

	private final Internal soType;

	private final Internal addressFamily;

	private JdkSocketCalls() throws ReflectiveOperationException {
		this.dup = new Internal("dup");
		this.soType = new Internal("soType0");
		this.addressFamily = new Internal("addressFamily");
		if (!InternalCalls.isTestedJdk()) {
			// a JDK whose internals may differ: fall back to JNA now rather than fail a
			// hand-off later
			this.dup.get();
			this.soType.get();
			this.addressFamily.get();
		}
	}

	/**
	 * The JDK's natives, where they can be reached.
	 * @return the calls, or {@code null} off Linux, without
	 * {@value DescriptorChannels#FLAG}, or on a JDK whose internals differ
	 */
	static @Nullable JdkSocketCalls create() {
		if (!LibCAPI.LINUX || InternalCalls.unavailableReason() != null) {
			return null;
		}
		try {
			return new JdkSocketCalls();
		}
		catch (Throwable ex) {
			// NoSuchMethodException on a JDK whose internals differ
			return null;
		}
	}

	@Override
	public int socket(boolean stream, int port) {
		try {
			return InternalCalls.call(InternalCalls.SOCKET, stream ? 1 : 0);
		}
		catch (UncheckedIOException ex) {
			return -errno("sun.nio.ch.Net.socket (socket()) for port " + port, ex.getCause());
		}
	}

	@Override
	public int bind(int fd, int port) {
		try {
			return InternalCalls.call(InternalCalls.BIND, fd, port);
		}
		catch (UncheckedIOException ex) {
			return errno("sun.nio.ch.Net.bind (bind()) on port " + port, ex.getCause());
		}
	}

	@Override
	public int setReuseAddress(int fd, boolean on, int port) {
		try {
			return InternalCalls.call(InternalCalls.SET_REUSE_ADDRESS, fd, on ? 1 : 0);
		}
		catch (UncheckedIOException ex) {
			return errno(
					"sun.nio.ch.Net.setSocketOption (setsockopt(SO_REUSEADDR, " + (on ? 1 : 0) + ")) on port " + port,
					ex.getCause());
		}
	}

	@Override
	public int listen(int fd, int backlog, int port) {
		try {
			return InternalCalls.call(InternalCalls.LISTEN, fd, backlog);
		}
		catch (UncheckedIOException ex) {
			return errno("sun.nio.ch.Net.listen (listen()) on port " + port, ex.getCause());
		}
	}

	@Override
	public int stopListening(int fd, int port) {
		// Linux's inet_shutdown disconnects a listening socket on SHUT_RD, as
		// connect(AF_UNSPEC) does
		try {
			return InternalCalls.call(InternalCalls.SHUTDOWN_READ, fd);
		}
		catch (UncheckedIOException ex) {
			return errno("sun.nio.ch.Net.shutdown (shutdown(SHUT_RD)) on port " + port, ex.getCause());
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
			InternalCalls.call(InternalCalls.CLOSE, fd);
		}
		catch (UncheckedIOException ex) {
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
			return InternalCalls.call(InternalCalls.LOCAL_PORT, fd);
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
		return InternalCalls.call(InternalCalls.FD_LIMIT);
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
	 * One private native {@code int (int)} of {@code sun.nio.ch.InheritedChannel}, found,
	 * made accessible and turned into a method handle by its first use: looking it up
	 * builds the reflection data of the whole class, and each handle costs a fresh JVM a
	 * generated class or two, which a reservation that hands nothing over need not pay.
	 */
	private static final class Internal {

		private final String name;

		private @Nullable MethodHandle handle;

		Internal(String name) {
			this.name = name;
		}

		synchronized MethodHandle get() throws ReflectiveOperationException {
			MethodHandle handle = this.handle;
			if (handle == null) {
				// initialized first: a handle to a static method of a class not yet
				// initialized carries a check that costs a fresh JVM two more generated
				// classes
				Class<?> inherited = Class.forName("sun.nio.ch.InheritedChannel", true, null);
				Method method = inherited.getDeclaredMethod(this.name, int.class);
				if (method.getReturnType() != int.class || !Modifier.isStatic(method.getModifiers())) {
					throw new NoSuchMethodException(
							inherited.getName() + "." + this.name + " returns " + method.getReturnType());
				}
				method.setAccessible(true);
				handle = MethodHandles.lookup().unreflect(method);
				this.handle = handle;
			}
			return handle;
		}

	}

}
