package io.portreservation.heldsocket;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holder calls through libc with JNA ({@link LibC}): macOS, and Linux where
 * {@link JdkSocketCalls} cannot reach the JDK's natives. Probes once, when created,
 * whether the kernel has IPv6 and whether new IPv6 sockets are v6-only by default.
 * Descriptors are opened close-on-exec where the platform allows it.
 */
final class LibCSocketCalls implements SocketCalls {

	/**
	 * Looked up when something is logged: a reservation that logs nothing never
	 * initializes the logging.
	 */
	private static Logger logger() {
		return LoggerFactory.getLogger(LibCSocketCalls.class);
	}

	private static final Pointer ONE = intValue(1);

	private static final Pointer ZERO = intValue(0);

	/** A {@code sockaddr} whose family is {@code AF_UNSPEC}, for {@code connect}. */
	private static final Memory UNSPECIFIED = unspecified();

	private final int family;

	/**
	 * Whether holders must clear {@code IPV6_V6ONLY} themselves (the default may be on).
	 */
	private final boolean clearV6Only;

	/** A wildcard address per thread: only its port changes from call to call. */
	private final ThreadLocal<Sockaddr> address;

	LibCSocketCalls() {
		int fd = LibC.socket(LibCAPI.AF_INET6, LibCAPI.SOCK_DGRAM | LibCAPI.SOCK_CLOEXEC, 0);
		if (fd >= 0) {
			LibC.close(fd);
			this.family = LibCAPI.AF_INET6;
		}
		else {
			int errno = Native.getLastError();
			this.family = LibCAPI.AF_INET;
			logger().warn("IPv6 is not available here (socket(AF_INET6) failed with {} ({})): held ports are guarded "
					+ "for IPv4 only", Errno.name(errno), errno);
		}
		// unknown: clear it explicitly, one more call per port
		this.clearV6Only = this.family == LibCAPI.AF_INET6
				&& (LibCAPI.MAC || Sysctl.read("net/ipv6/bindv6only", 1) != 0);
		int holderFamily = this.family;
		this.address = ThreadLocal.withInitial(() -> Sockaddr.wildcard(holderFamily));
	}

	@Override
	public int socket(boolean stream, int port) {
		int type = stream ? LibCAPI.SOCK_STREAM : LibCAPI.SOCK_DGRAM;
		int fd = LibC.socket(this.family, type | LibCAPI.SOCK_CLOEXEC, 0);
		if (fd < 0) {
			return -Native.getLastError();
		}
		if (this.clearV6Only && LibC.setsockopt(fd, LibCAPI.IPPROTO_IPV6, LibCAPI.IPV6_V6ONLY, ZERO, 4) != 0) {
			int errno = Native.getLastError();
			LibC.close(fd);
			return -errno;
		}
		return fd;
	}

	@Override
	public int bind(int fd, int port) {
		Sockaddr wildcard = this.address.get().port(port);
		return (LibC.bind(fd, wildcard.memory(), wildcard.length()) == 0) ? 0 : Native.getLastError();
	}

	@Override
	public int setReuseAddress(int fd, boolean on, int port) {
		return (LibC.setsockopt(fd, LibCAPI.SOL_SOCKET, LibCAPI.SO_REUSEADDR, on ? ONE : ZERO, 4) == 0) ? 0
				: Native.getLastError();
	}

	@Override
	public int listen(int fd, int backlog, int port) {
		return (LibC.listen(fd, backlog) == 0) ? 0 : Native.getLastError();
	}

	@Override
	public int stopListening(int fd, int port) {
		return (LibC.connect(fd, UNSPECIFIED, (int) UNSPECIFIED.size()) == 0) ? 0 : Native.getLastError();
	}

	@Override
	public int duplicate(int fd, int port) {
		int duplicate = LibC.fcntl(fd, LibCAPI.F_DUPFD_CLOEXEC, 0);
		return (duplicate >= 0) ? duplicate : -Native.getLastError();
	}

	@Override
	public void close(int fd) {
		LibC.close(fd);
	}

	@Override
	public int boundPort(int fd) {
		// a Unix socket's name leaves the port bytes as they were
		Memory buffer = new Memory(28);
		buffer.clear();
		Memory length = new Memory(4);
		length.setInt(0, 28);
		if (LibC.getsockname(fd, buffer, length) != 0) {
			return -1;
		}
		int af = LibCAPI.MAC ? buffer.getByte(1) : buffer.getShort(0);
		if (af != LibCAPI.AF_INET && af != LibCAPI.AF_INET6) {
			return -1;
		}
		return ((buffer.getByte(2) & 0xff) << 8) | (buffer.getByte(3) & 0xff);
	}

	@Override
	public boolean isDatagramSocket(int fd) {
		Memory type = new Memory(4);
		Memory length = new Memory(4);
		length.setInt(0, 4);
		return LibC.getsockopt(fd, LibCAPI.SOL_SOCKET, LibCAPI.SO_TYPE, type, length) == 0
				&& type.getInt(0) == LibCAPI.SOCK_DGRAM;
	}

	@Override
	public long openFileLimit() {
		Memory rlimit = new Memory(16);
		if (LibC.getrlimit(LibCAPI.RLIMIT_NOFILE, rlimit) != 0) {
			return -1;
		}
		return rlimit.getLong(0);
	}

	/**
	 * The family of every holder.
	 * @return {@link LibCAPI#AF_INET6} (dual-stack) unless the kernel has no IPv6
	 */
	int family() {
		return this.family;
	}

	private static Pointer intValue(int value) {
		Memory memory = new Memory(4);
		memory.setInt(0, value);
		return memory;
	}

	private static Memory unspecified() {
		Memory memory = new Memory(16);
		memory.clear();
		if (LibCAPI.MAC) {
			memory.setByte(0, (byte) 16);
		}
		return memory;
	}

}
