package io.portreservation.windows;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.portreservation.BlockUnavailableException;
import io.portreservation.PortRange;
import io.portreservation.PortReservationException;
import io.portreservation.Protocol;
import io.portreservation.windows.jna.IPHlpAPI;
import io.portreservation.windows.jna.WinsockException;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RESERVATION_INSTANCE;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;
import io.portreservation.windows.jna.WsaError;

/**
 * Acquires one protocol's block on a socket of its own, within a deadline. The documents
 * warn that the IOCTL may block; the call runs on a daemon thread and, when the deadline
 * passes, its socket is closed, which aborts it ("The socket is closed" is a documented
 * cause of WSAEINTR / WSA_OPERATION_ABORTED). Startup never hangs.
 *
 * <p>
 * Closing a handle another thread is about to use is dangerous: Windows reuses handle
 * numbers, so a late IOCTL could reach some other socket. So the call and the timeout
 * race for one state: the worker issues the IOCTL only if it gets there first, and a
 * timeout that wins closes a socket no call will ever use. An acquisition whose deadline
 * has passed is never started. What remains is the instant between the worker winning and
 * the IOCTL entering the kernel; an overlapped call cancelled with {@code CancelIoEx}
 * would close that too.
 */
final class Acquisition {

	private static final int NEW = 0;

	private static final int CALLING = 1;

	private static final int ABANDONED = 2;

	/** How long to wait for an aborted call to return after its socket was closed. */
	private static final Duration ABORT_GRACE = Duration.ofSeconds(1);

	private Acquisition() {
	}

	/**
	 * Acquire a block on an IPv6 socket that is not itself bound inside the reservation.
	 * @param protocol {@link Protocol#TCP} or {@link Protocol#UDP}
	 * @param startPort the first port, 0 for any block
	 * @param count the number of ports
	 * @param deadline {@link System#nanoTime()} by which the kernel must have answered
	 */
	static ReservedBlock acquire(Winsock winsock, Protocol protocol, int startPort, int count, long deadline) {
		return acquire(winsock, protocol, IPHlpAPI.AF_INET6, startPort, count, deadline, HolderDesign.UNBOUND);
	}

	/**
	 * Acquire a block on a socket of the given family and holder design.
	 * @param family the address family of the socket the block lives on
	 * @param design whether that socket is itself bound inside the reservation
	 * @see #acquire(Winsock, Protocol, int, int, long)
	 */
	static ReservedBlock acquire(Winsock winsock, Protocol protocol, int family, int startPort, int count,
			long deadline, HolderDesign design) {
		int acquired = count + design.extraPorts();
		String what = protocol + " "
				+ ((startPort == 0) ? "any " + acquired + " port(s)" : PortRange.text(startPort, acquired));
		if (deadline - System.nanoTime() <= 0) {
			throw new BlockUnavailableException(
					"The acquire timeout ran out before WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION, " + what
							+ ") could start, so it was not started. Raise the acquire timeout",
					protocol, startPort, count, -1, null, BlockUnavailableException.Reason.TIMED_OUT);
		}
		SOCKET socket = winsock.openSocket(protocol, family);
		AtomicBoolean closed = new AtomicBoolean();
		// NEW -> CALLING (the worker issues the IOCTL) or NEW -> ABANDONED (the timeout
		// won)
		AtomicInteger state = new AtomicInteger(NEW);
		FutureTask<INET_PORT_RESERVATION_INSTANCE> call = new FutureTask<>(() -> {
			if (!state.compareAndSet(NEW, CALLING)) {
				throw new CancellationException("abandoned before the call");
			}
			return winsock.acquire(socket, startPort, acquired, what);
		});
		Thread thread = new Thread(call, "port-reservation-acquire");
		thread.setDaemon(true);
		thread.start();
		try {
			INET_PORT_RESERVATION_INSTANCE instance = call.get(Math.max(0, deadline - System.nanoTime()),
					TimeUnit.NANOSECONDS);
			if (design == HolderDesign.BOUND) {
				bindHolder(winsock, socket, family, instance, what, closed);
			}
			return new ReservedBlock(protocol, instance.startPort(), count, instance.Token, socket, closed, family);
		}
		catch (TimeoutException ex) {
			boolean neverCalled = state.compareAndSet(NEW, ABANDONED);
			close(winsock, socket, closed);
			Throwable outcome = neverCalled ? null : awaitAbort(call);
			throw new BlockUnavailableException(
					"WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION, " + what
							+ ") did not complete in time; its socket was closed to abort the call. Raise the acquire"
							+ " timeout, or check what blocks socket calls on this machine (a layered service provider,"
							+ " firewall or endpoint security product)",
					protocol, startPort, count, -1, outcome, BlockUnavailableException.Reason.TIMED_OUT);
		}
		catch (ExecutionException ex) {
			close(winsock, socket, closed);
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new PortReservationException("Acquiring " + what + " failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			close(winsock, socket, closed);
			Thread.currentThread().interrupt();
			throw new PortReservationException("Interrupted while acquiring " + what + "; the socket was closed");
		}
	}

	/**
	 * {@link HolderDesign#BOUND}: the holder associates itself and binds the block's
	 * extra last port.
	 */
	private static void bindHolder(Winsock winsock, SOCKET socket, int family, INET_PORT_RESERVATION_INSTANCE instance,
			String what, AtomicBoolean closed) {
		int port = instance.startPort() + instance.numberOfPorts() - 1;
		try {
			winsock.associate(socket, instance.Token, what);
			Outcome bound = (family == IPHlpAPI.AF_INET) ? winsock.bindIpv4ForDiagnosis(socket, null, port)
					: winsock.bindForDiagnosis(socket, null, port);
			if (bound.failed()) {
				throw new WinsockException("bind(holder of " + what + ", port " + port + ")", bound.code(),
						WsaError.Call.BIND);
			}
		}
		catch (RuntimeException ex) {
			close(winsock, socket, closed);
			throw ex;
		}
	}

	private static void close(Winsock winsock, SOCKET socket, AtomicBoolean closed) {
		if (closed.compareAndSet(false, true)) {
			winsock.close(socket);
		}
	}

	private static @org.jspecify.annotations.Nullable Throwable awaitAbort(FutureTask<?> call) {
		try {
			call.get(ABORT_GRACE.toNanos(), TimeUnit.NANOSECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (TimeoutException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
