package io.portreservation.heldsocket;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * One holding socket per port of a block, for one protocol, kept as a bare descriptor:
 * four bytes of heap per port, no JDK channel until a server asks for one.
 *
 * <p>
 * A holder is a plain dual-stack {@code [::]} socket, bound but not listening: the
 * measured shape that no other process can bind next to, whatever its options. (While a
 * server is handed the holder itself, it listens: see {@link HolderHandOff}.) If a plain
 * TCP bind fails and {@link TimeWaitCensus} sees only {@code TIME_WAIT} entries on the
 * port, the bind is retried once with {@code SO_REUSEADDR} on, which is then cleared at
 * once: that gets past the entries left by earlier connections and, once cleared, holds
 * as tightly as a plain bind. UDP holders are always bound plain (a UDP holder with
 * {@code SO_REUSEADDR} could share its port).
 *
 * <p>
 * Not thread-safe: the reservation serializes access.
 */
final class HeldSockets {

	private final SocketCalls calls;

	private final boolean stream;

	private final int firstPort;

	private final int[] fds;

	private int held;

	/**
	 * Prepare holders for a block; nothing is bound yet.
	 * @param calls the socket calls
	 * @param stream {@code true} for TCP, {@code false} for UDP
	 * @param firstPort the block's first port
	 * @param count the block's size
	 */
	HeldSockets(SocketCalls calls, boolean stream, int firstPort, int count) {
		this.calls = calls;
		this.stream = stream;
		this.firstPort = firstPort;
		this.fds = new int[count];
		Arrays.fill(this.fds, -1);
	}

	/**
	 * Bind a holder on the next port of the block.
	 * @param onlyTimeWait whether a refused TCP port is held by {@code TIME_WAIT} entries
	 * only
	 * @return 0 when held, else the {@code errno} of the failed call
	 */
	int holdNext(IntPredicate onlyTimeWait) {
		int port = this.firstPort + this.held;
		int fd = this.calls.socket(this.stream, port);
		if (fd < 0) {
			return -fd;
		}
		int errno = bind(fd, port, onlyTimeWait);
		if (errno != 0) {
			this.calls.close(fd);
			return errno;
		}
		this.fds[this.held++] = fd;
		return 0;
	}

	private int bind(int fd, int port, IntPredicate onlyTimeWait) {
		int errno = this.calls.bind(fd, port);
		if (errno != Errno.EADDRINUSE || !this.stream || !onlyTimeWait.test(port)) {
			return errno;
		}
		// Only TIME_WAIT entries of earlier connections: they yield to SO_REUSEADDR.
		errno = this.calls.setReuseAddress(fd, true, port);
		if (errno == 0) {
			errno = this.calls.bind(fd, port);
		}
		return (errno != 0) ? errno : this.calls.setReuseAddress(fd, false, port);
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
		this.calls.close(previous);
	}

	/**
	 * Close every holder. Safe to call more than once.
	 */
	void closeAll() {
		for (int i = 0; i < this.held; i++) {
			this.calls.close(this.fds[i]);
			this.fds[i] = -1;
		}
		this.held = 0;
	}

}
