package io.portreservation.heldsocket;

import org.jspecify.annotations.Nullable;

/**
 * The socket calls the held-socket backend makes on its holders, kept as bare {@code int}
 * descriptors. Two implementations: {@link JdkSocketCalls}, the JDK's own natives (Linux,
 * with {@value DescriptorChannels#FLAG}), which loads nothing beyond what a JDK channel
 * loads; and {@link LibCSocketCalls}, libc through JNA, everywhere else. Every holder is
 * a dual-stack {@code [::]} socket (IPv4 {@code 0.0.0.0} where the kernel has no IPv6).
 *
 * <p>
 * Calls that can fail in the normal course (a port in use, a descriptor limit) return the
 * {@code errno}; the caller knows the port and turns it into a message with
 * {@link Errno}. A failure that the JDK reports with a text no {@code errno} matches is
 * thrown as a {@link io.portreservation.NativeReservationException} naming the call.
 */
interface SocketCalls {

	/**
	 * The calls this JVM uses, chosen on first use.
	 * @return the implementation
	 */
	static SocketCalls get() {
		return Chosen.CALLS;
	}

	/**
	 * Open an unbound holder socket.
	 * @param stream {@code true} for TCP, {@code false} for UDP
	 * @param port the port it is for, for messages
	 * @return the descriptor, or minus the {@code errno}
	 */
	int socket(boolean stream, int port);

	/**
	 * Bind a socket to the wildcard address.
	 * @param fd the socket
	 * @param port the port
	 * @return 0, or the {@code errno}
	 */
	int bind(int fd, int port);

	/**
	 * Set or clear {@code SO_REUSEADDR}.
	 * @param fd the socket
	 * @param on the value
	 * @param port its port, for messages
	 * @return 0, or the {@code errno}
	 */
	int setReuseAddress(int fd, boolean on, int port);

	/**
	 * Listen, or change the backlog of a listening socket.
	 * @param fd the socket
	 * @param backlog the backlog
	 * @param port its port, for messages
	 * @return 0, or the {@code errno}
	 */
	int listen(int fd, int backlog, int port);

	/**
	 * Stop a listening TCP socket listening, keeping its explicitly bound port bound (the
	 * kernel's {@code tcp_disconnect}).
	 * @param fd the socket
	 * @param port its port, for messages
	 * @return 0, or the {@code errno}
	 */
	int stopListening(int fd, int port);

	/**
	 * Duplicate a descriptor.
	 * @param fd the descriptor
	 * @param port its port, for messages
	 * @return the new descriptor, or minus the {@code errno}
	 */
	int duplicate(int fd, int port);

	/**
	 * Close a descriptor; a failure is ignored (the descriptor is gone either way).
	 * @param fd the descriptor
	 */
	void close(int fd);

	/**
	 * The port an IPv4 or IPv6 socket is bound to.
	 * @param fd any descriptor
	 * @return the port, or -1 if {@code fd} is no such socket
	 */
	int boundPort(int fd);

	/**
	 * Whether a descriptor is a datagram socket.
	 * @param fd any descriptor
	 * @return {@code true} for {@code SOCK_DGRAM}
	 */
	boolean isDatagramSocket(int fd);

	/**
	 * The soft limit of open descriptors ({@code ulimit -n}).
	 * @return the limit, or -1 if unknown
	 */
	long openFileLimit();

	/** Holds the implementation, so that choosing it waits for the first reservation. */
	final class Chosen {

		static final SocketCalls CALLS = choose();

		private Chosen() {
		}

		private static SocketCalls choose() {
			// Loaded now: it reports EMFILE, when loading a class may need a descriptor
			// too.
			Errno.name(Errno.EMFILE);
			@Nullable JdkSocketCalls jdk = JdkSocketCalls.create();
			return (jdk != null) ? jdk : new LibCSocketCalls();
		}

	}

}
