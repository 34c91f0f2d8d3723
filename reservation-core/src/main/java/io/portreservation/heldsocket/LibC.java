package io.portreservation.heldsocket;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc socket calls the held-socket backend makes, bound with JNA direct mapping
 * (a plain native call, no proxy and no per-call reflection). Names mirror
 * {@code <sys/socket.h>}; every constant the backend uses sits here, for Linux and
 * macOS. The calls return what C returns; {@link Errno} turns a failure into a message.
 */
final class LibC {

	static final boolean MAC = Platform.isMac();

	/** {@code <sys/socket.h>}: given to {@code connect}, dissolves a TCP socket's association. */
	static final int AF_UNSPEC = 0;

	/** {@code <sys/socket.h>}. */
	static final int AF_INET = 2;

	/** {@code <sys/socket.h>}. */
	static final int AF_INET6 = MAC ? 30 : 10;

	/** {@code <sys/socket.h>}. */
	static final int SOCK_STREAM = 1;

	/** {@code <sys/socket.h>}. */
	static final int SOCK_DGRAM = 2;

	/** {@code <sys/socket.h>}, Linux only: the descriptor is not inherited by exec'd children. */
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

	static {
		Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
	}

	private LibC() {
	}

	static native int socket(int domain, int type, int protocol);

	static native int setsockopt(int fd, int level, int optname, Pointer optval, int optlen);

	static native int getsockopt(int fd, int level, int optname, Pointer optval, Pointer optlen);

	static native int bind(int fd, Pointer addr, int addrlen);

	static native int listen(int fd, int backlog);

	static native int connect(int fd, Pointer addr, int addrlen);

	static native int getsockname(int fd, Pointer addr, Pointer addrlen);

	static native int dup(int fd);

	static native int fcntl(int fd, int cmd, int arg);

	static native int close(int fd);

	static native int getrlimit(int resource, Pointer rlim);

	static native String strerror(int errnum);

}
