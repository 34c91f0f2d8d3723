package io.portreservation.heldsocket;

import java.util.Arrays;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One holding socket per port of a block, for one protocol, kept as a bare descriptor:
 * four bytes of heap per port, no JDK channel until a server asks for one.
 *
 * <p>A holder is a plain dual-stack {@code [::]} socket, bound but not listening: the
 * measured shape that no other process can bind next to, whatever its options. (While a
 * server is handed the holder itself, it listens: see {@link HolderHandOff}.) If a
 * plain TCP bind fails, the bind is retried once with {@code SO_REUSEADDR} on, which is
 * then cleared at once: that gets past {@code TIME_WAIT} entries left by earlier
 * connections and, once cleared, holds as tightly as a plain bind. UDP holders are
 * always bound plain (a UDP holder with {@code SO_REUSEADDR} could share its port).
 *
 * <p>Not thread-safe: the reservation serializes access.
 */
final class HeldSockets {

	private static final Logger logger = LoggerFactory.getLogger(HeldSockets.class);

	/** The family of every holder: IPv6 (dual-stack) unless the kernel has none. */
	static final int FAMILY;

	/** Whether holders must clear {@code IPV6_V6ONLY} themselves (the default may be on). */
	private static final boolean CLEAR_V6ONLY;

	static final Pointer ONE = intValue(1);

	static final Pointer ZERO = intValue(0);

	static {
		int fd = LibC.socket(LibC.AF_INET6, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
		if (fd >= 0) {
			LibC.close(fd);
			FAMILY = LibC.AF_INET6;
		}
		else {
			int errno = Errno.last();
			FAMILY = LibC.AF_INET;
			logger.warn("IPv6 is not available here (socket(AF_INET6) failed with {} ({})): held ports are guarded "
					+ "for IPv4 only", Errno.name(errno), errno);
		}
		CLEAR_V6ONLY = FAMILY == LibC.AF_INET6 && (LibC.MAC || bindV6OnlyDefault());
		// Loaded now: it reports EMFILE, when loading a class may need a descriptor too.
		Errno.name(Errno.EMFILE);
	}

	private final int type;

	private final int firstPort;

	private final int[] fds;

	private int held;

	/**
	 * Prepare holders for a block; nothing is bound yet.
	 * @param type {@link LibC#SOCK_STREAM} or {@link LibC#SOCK_DGRAM}
	 * @param firstPort the block's first port
	 * @param count the block's size
	 */
	HeldSockets(int type, int firstPort, int count) {
		this.type = type;
		this.firstPort = firstPort;
		this.fds = new int[count];
		Arrays.fill(this.fds, -1);
	}

	/**
	 * Bind a holder on the next port of the block.
	 * @param address a wildcard buffer of {@link #FAMILY}
	 * @return 0 when held, else the {@code errno} of the failed call
	 */
	int holdNext(Sockaddr address) {
		int port = this.firstPort + this.held;
		int fd = LibC.socket(FAMILY, this.type | LibC.SOCK_CLOEXEC, 0);
		if (fd < 0) {
			return Errno.last();
		}
		int errno = bind(fd, address.port(port));
		if (errno != 0) {
			LibC.close(fd);
			return errno;
		}
		this.fds[this.held++] = fd;
		return 0;
	}

	private int bind(int fd, Sockaddr address) {
		if (CLEAR_V6ONLY && LibC.setsockopt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_V6ONLY, ZERO, 4) != 0) {
			return Errno.last();
		}
		if (LibC.bind(fd, address.memory(), address.length()) == 0) {
			return 0;
		}
		int errno = Errno.last();
		if (errno != Errno.EADDRINUSE || this.type != LibC.SOCK_STREAM) {
			return errno;
		}
		// Maybe only TIME_WAIT entries of earlier connections: they yield to SO_REUSEADDR.
		if (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_REUSEADDR, ONE, 4) != 0
				|| LibC.bind(fd, address.memory(), address.length()) != 0) {
			return Errno.last();
		}
		return (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_REUSEADDR, ZERO, 4) != 0) ? Errno.last() : 0;
	}

	/**
	 * The descriptor holding a port.
	 * @param port a port of the block
	 * @return the descriptor
	 */
	int fd(int port) {
		int fd = this.fds[port - this.firstPort];
		if (fd < 0) {
			throw new IllegalStateException("Port " + port + " is not held");
		}
		return fd;
	}

	/**
	 * Make another socket bound to a port its holder, closing the previous holder.
	 * @param port a port of the block
	 * @param fd a descriptor of a socket bound to that port, owned from now on
	 */
	void replace(int port, int fd) {
		int previous = fd(port);
		this.fds[port - this.firstPort] = fd;
		LibC.close(previous);
	}

	/**
	 * Close every holder. Safe to call more than once.
	 */
	void closeAll() {
		for (int i = 0; i < this.held; i++) {
			LibC.close(this.fds[i]);
			this.fds[i] = -1;
		}
		this.held = 0;
	}

	private static Pointer intValue(int value) {
		Memory memory = new Memory(4);
		memory.setInt(0, value);
		return memory;
	}

	private static boolean bindV6OnlyDefault() {
		// unknown: clear it explicitly, one more call per port
		return Sysctl.read("net/ipv6/bindv6only", 1) != 0;
	}

}
