package io.portreservation.heldsocket;

import io.portreservation.spi.OperatingSystem;

/**
 * The constants of {@code <sys/socket.h>} and friends that the held-socket backend uses,
 * for Linux and macOS, apart from {@link LibC}: reading them loads no JNA class, so the
 * backend's JDK path ({@link JdkSocketCalls}) can use them too.
 */
final class LibCAPI {

	static final boolean MAC = OperatingSystem.MAC.isCurrent();

	static final boolean LINUX = OperatingSystem.LINUX.isCurrent();

	/**
	 * {@code <sys/socket.h>}: given to {@code connect}, dissolves a TCP socket's
	 * association.
	 */
	static final int AF_UNSPEC = 0;

	/** {@code <sys/socket.h>}. */
	static final int AF_INET = 2;

	/** {@code <sys/socket.h>}. */
	static final int AF_INET6 = MAC ? 30 : 10;

	/** {@code <sys/socket.h>}. */
	static final int SOCK_STREAM = 1;

	/** {@code <sys/socket.h>}. */
	static final int SOCK_DGRAM = 2;

	/**
	 * {@code <sys/socket.h>}, Linux only: the descriptor is not inherited by exec'd
	 * children.
	 */
	static final int SOCK_CLOEXEC = MAC ? 0 : 0x80000;

	/** {@code <sys/socket.h>}. */
	static final int SOL_SOCKET = MAC ? 0xffff : 1;

	/** {@code <sys/socket.h>}. */
	static final int SO_REUSEADDR = MAC ? 0x4 : 2;

	/** {@code <sys/socket.h>}. */
	static final int SO_TYPE = MAC ? 0x1008 : 3;

	/** {@code <netinet/in.h>}. */
	static final int IPPROTO_IPV6 = 41;

	/** {@code <netinet/in.h>}. */
	static final int IPV6_V6ONLY = MAC ? 27 : 26;

	/** {@code <fcntl.h>}: duplicate a descriptor with close-on-exec set. */
	static final int F_DUPFD_CLOEXEC = MAC ? 67 : 1030;

	/** {@code <sys/resource.h>}. */
	static final int RLIMIT_NOFILE = MAC ? 8 : 7;

	private LibCAPI() {
	}

}
