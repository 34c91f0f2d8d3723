package io.portreservation.heldsocket;

import com.sun.jna.Native;
import io.portreservation.NativeReservationException;

/**
 * The {@code errno} values the backend reacts to, and the one place a failed libc call
 * becomes an exception naming the call, the code's symbol and number, and its meaning.
 */
final class Errno {

	/** {@code <errno.h>}. */
	static final int EPERM = 1;

	/** {@code <errno.h>}. */
	static final int EACCES = 13;

	/** {@code <errno.h>}. */
	static final int ENFILE = 23;

	/** {@code <errno.h>}. */
	static final int EMFILE = 24;

	/** {@code <errno.h>}. */
	static final int EADDRINUSE = LibC.MAC ? 48 : 98;

	/** {@code <errno.h>}. */
	static final int EAFNOSUPPORT = LibC.MAC ? 47 : 97;

	private Errno() {
	}

	/**
	 * The calling thread's {@code errno} after a failed call.
	 * @return the error code
	 */
	static int last() {
		return Native.getLastError();
	}

	static String name(int errno) {
		if (errno == EPERM) {
			return "EPERM";
		}
		if (errno == EACCES) {
			return "EACCES";
		}
		if (errno == ENFILE) {
			return "ENFILE";
		}
		if (errno == EMFILE) {
			return "EMFILE";
		}
		if (errno == EADDRINUSE) {
			return "EADDRINUSE";
		}
		if (errno == EAFNOSUPPORT) {
			return "EAFNOSUPPORT";
		}
		return "errno";
	}

	static NativeReservationException failure(String operation, int errno) {
		String meaning;
		try {
			meaning = LibC.strerror(errno);
		}
		catch (RuntimeException | LinkageError ex) {
			meaning = "see errno(3)";
		}
		return new NativeReservationException(operation, errno, name(errno), meaning);
	}

}
