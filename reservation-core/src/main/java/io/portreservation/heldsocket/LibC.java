package io.portreservation.heldsocket;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc socket calls of the held-socket backend's JNA path ({@link LibCSocketCalls}),
 * bound with JNA direct mapping (a plain native call, no proxy and no per-call
 * reflection). Names mirror {@code <sys/socket.h>}; the constants are in {@link LibCAPI}.
 * The calls return what C returns; {@link Errno} turns a failure into a message.
 */
final class LibC {

	static {
		// On Linux, JNA's NativeLibrary runs "/sbin/ldconfig -p" once while it
		// initializes, unless jna.platform.library.path is set; the soname spares only
		// the name matching.
		Native.register(LibC.class, NativeLibrary.getInstance(LibCAPI.LINUX ? "libc.so.6" : Platform.C_LIBRARY_NAME));
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

	static native int fcntl(int fd, int cmd, int arg);

	static native int close(int fd);

	static native int getrlimit(int resource, Pointer rlim);

	static native String strerror(int errnum);

}
