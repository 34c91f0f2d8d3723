package io.portreservation.boot.diagnostics;

import java.nio.file.Path;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import io.portreservation.spi.OperatingSystem;

/**
 * Reads the local port of another process's socket, on Linux: {@code pidfd_open} and
 * {@code pidfd_getfd} (Linux 5.6) duplicate the descriptor into this process and
 * {@code getsockname} reads its address. This is the only way to find the holder of a TCP
 * socket that is bound but does not listen: such a socket is in no {@code /proc/net}
 * table and no {@code sock_diag} dump before Linux 6.8, so {@code ss}, {@code lsof} and
 * {@code fuser} cannot show it. Duplicating needs the right to trace the process (the
 * same user, or root); the duplicate is closed at once and the other process's socket is
 * not touched.
 */
final class BoundSocketProbe {

	/** {@code __NR_pidfd_open}, the same number on every Linux architecture. */
	private static final long SYS_PIDFD_OPEN = 434;

	/** {@code __NR_pidfd_getfd}, the same number on every Linux architecture. */
	private static final long SYS_PIDFD_GETFD = 438;

	/** {@code <sys/socket.h>}. */
	private static final int AF_INET = 2;

	/** {@code <sys/socket.h>}, Linux. */
	private static final int AF_INET6 = 10;

	/** {@code <sys/socket.h>}, Linux. */
	private static final int SOL_SOCKET = 1;

	/** {@code <sys/socket.h>}, Linux. */
	private static final int SO_TYPE = 3;

	/** {@code <sys/socket.h>}. */
	private static final int SOCK_STREAM = 1;

	private static final boolean AVAILABLE = register();

	private BoundSocketProbe() {
	}

	private static boolean register() {
		if (!OperatingSystem.LINUX.isCurrent()) {
			return false;
		}
		try {
			Native.register(BoundSocketProbe.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
			return true;
		}
		catch (LinkageError ex) {
			return false;
		}
	}

	/**
	 * Whether the probe can run here.
	 * @return {@code true} on Linux with JNA
	 */
	static boolean isAvailable() {
		return AVAILABLE;
	}

	/**
	 * The local TCP port of a process's socket.
	 * @param pid the process
	 * @param fd the socket's descriptor in that process ({@code /proc/<pid>/fd/<fd>})
	 * @return the port, {@code -1} if the socket is not a bound IPv4 or IPv6 TCP socket,
	 * or {@code -2} if this process may not look (another user's process)
	 */
	static int tcpPort(long pid, int fd) {
		if (!AVAILABLE) {
			return -2;
		}
		int pidfd = (int) syscall(SYS_PIDFD_OPEN, pid, 0, 0);
		if (pidfd < 0) {
			return -2;
		}
		try {
			int copy = (int) syscall(SYS_PIDFD_GETFD, pidfd, fd, 0);
			if (copy < 0) {
				return -2;
			}
			try {
				return tcpPort(copy);
			}
			finally {
				close(copy);
			}
		}
		finally {
			close(pidfd);
		}
	}

	private static int tcpPort(int fd) {
		int[] type = new int[1];
		int[] length = { Integer.BYTES };
		if (getsockopt(fd, SOL_SOCKET, SO_TYPE, type, length) != 0 || type[0] != SOCK_STREAM) {
			return -1;
		}
		byte[] address = new byte[128];
		int[] addressLength = { address.length };
		if (getsockname(fd, address, addressLength) != 0) {
			return -1;
		}
		int family = (address[0] & 0xff) | ((address[1] & 0xff) << 8);
		if (family != AF_INET && family != AF_INET6) {
			return -1;
		}
		return ((address[2] & 0xff) << 8) | (address[3] & 0xff);
	}

	/**
	 * The descriptor number of a {@code /proc/<pid>/fd/<n>} entry.
	 * @param fd the entry
	 * @return {@code n}
	 */
	static int number(Path fd) {
		return Integer.parseInt(fd.getFileName().toString());
	}

	private static native long syscall(long number, long first, long second, long third);

	private static native int getsockopt(int fd, int level, int name, int[] value, int[] length);

	private static native int getsockname(int fd, byte[] address, int[] length);

	private static native int close(int fd);

}
