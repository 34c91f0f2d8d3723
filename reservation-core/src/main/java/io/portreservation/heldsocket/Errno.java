package io.portreservation.heldsocket;

import io.portreservation.NativeReservationException;

/**
 * The {@code errno} values the backend meets, and the one place a failed call becomes an
 * exception naming the call, the code's symbol and number, and its meaning. The JDK's
 * natives report an {@code errno} only as its {@code strerror} text, so the table also
 * maps that text back to the code ({@link #fromMessage}).
 */
final class Errno {

	/** {@code <errno.h>}. */
	static final int EPERM = 1;

	/** {@code <errno.h>}. */
	static final int EBADF = 9;

	/** {@code <errno.h>}. */
	static final int ENOMEM = 12;

	/** {@code <errno.h>}. */
	static final int EACCES = 13;

	/** {@code <errno.h>}. */
	static final int EINVAL = 22;

	/** {@code <errno.h>}. */
	static final int ENFILE = 23;

	/** {@code <errno.h>}. */
	static final int EMFILE = 24;

	/** {@code <errno.h>}. */
	static final int ENOTSOCK = LibCAPI.MAC ? 38 : 88;

	/** {@code <errno.h>}. */
	static final int EOPNOTSUPP = LibCAPI.MAC ? 102 : 95;

	/** {@code <errno.h>}. */
	static final int EAFNOSUPPORT = LibCAPI.MAC ? 47 : 97;

	/** {@code <errno.h>}. */
	static final int EADDRINUSE = LibCAPI.MAC ? 48 : 98;

	/** {@code <errno.h>}. */
	static final int EADDRNOTAVAIL = LibCAPI.MAC ? 49 : 99;

	/** {@code <errno.h>}. */
	static final int ENOBUFS = LibCAPI.MAC ? 55 : 105;

	/**
	 * Codes, symbols and the C library's text for each (glibc's and macOS's agree on
	 * these).
	 */
	private static final Object[][] TABLE = { { EPERM, "EPERM", "Operation not permitted" },
			{ EBADF, "EBADF", "Bad file descriptor" }, { ENOMEM, "ENOMEM", "Cannot allocate memory" },
			{ EACCES, "EACCES", "Permission denied" }, { EINVAL, "EINVAL", "Invalid argument" },
			{ ENFILE, "ENFILE", "Too many open files in system" }, { EMFILE, "EMFILE", "Too many open files" },
			{ ENOTSOCK, "ENOTSOCK", "Socket operation on non-socket" },
			{ EOPNOTSUPP, "EOPNOTSUPP", "Operation not supported" },
			{ EAFNOSUPPORT, "EAFNOSUPPORT", "Address family not supported by protocol" },
			{ EADDRINUSE, "EADDRINUSE", "Address already in use" },
			{ EADDRNOTAVAIL, "EADDRNOTAVAIL", "Cannot assign requested address" },
			{ ENOBUFS, "ENOBUFS", "No buffer space available" } };

	private Errno() {
	}

	static String name(int errno) {
		for (Object[] row : TABLE) {
			if ((int) row[0] == errno) {
				return (String) row[1];
			}
		}
		return "errno";
	}

	/**
	 * What a code means.
	 * @param errno the code
	 * @return the C library's text for it, or a pointer to {@code errno(3)}
	 */
	static String meaning(int errno) {
		for (Object[] row : TABLE) {
			if ((int) row[0] == errno) {
				return (String) row[2];
			}
		}
		return "see errno(3)";
	}

	/**
	 * The code whose text a JDK native put in its exception's message.
	 * @param message the message, such as {@code Address already in use}
	 * @return the code, or 0 if the message names none of the table
	 */
	static int fromMessage(String message) {
		if (message == null) {
			return 0;
		}
		int found = 0;
		int foundLength = 0;
		for (Object[] row : TABLE) {
			String text = (String) row[2];
			// "Too many open files in system" contains "Too many open files": the longest
			// match wins
			if (message.contains(text) && text.length() > foundLength) {
				found = (int) row[0];
				foundLength = text.length();
			}
		}
		return found;
	}

	static NativeReservationException failure(String operation, int errno) {
		return new NativeReservationException(operation, errno, name(errno), meaning(errno));
	}

}
