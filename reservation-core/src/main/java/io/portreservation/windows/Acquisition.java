package io.portreservation.windows;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.portreservation.BlockUnavailableException;
import io.portreservation.PortReservationException;
import io.portreservation.Protocol;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RESERVATION_INSTANCE;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;

/**
 * Acquires one protocol's block on a socket of its own, within a deadline. The
 * documents warn that the IOCTL may block; the call runs on a daemon thread and, when
 * the deadline passes, its socket is closed, which aborts it ("The socket is closed"
 * is a documented cause of WSAEINTR / WSA_OPERATION_ABORTED). Startup never hangs.
 */
final class Acquisition {

	/** How long to wait for an aborted call to return after its socket was closed. */
	private static final Duration ABORT_GRACE = Duration.ofSeconds(1);

	private Acquisition() {
	}

	/**
	 * @param protocol {@link Protocol#TCP} or {@link Protocol#UDP}
	 * @param startPort the first port, 0 for any block
	 * @param count the number of ports
	 * @param deadline {@link System#nanoTime()} by which the kernel must have answered
	 */
	static ReservedBlock acquire(Winsock winsock, Protocol protocol, int startPort, int count, long deadline) {
		String what = protocol + " " + ((startPort == 0) ? "any " + count + " port(s)"
				: startPort + "-" + (startPort + count - 1));
		SOCKET socket = winsock.openSocket(protocol);
		AtomicBoolean closed = new AtomicBoolean();
		FutureTask<INET_PORT_RESERVATION_INSTANCE> call = new FutureTask<>(
				() -> winsock.acquire(socket, startPort, count, what));
		Thread thread = new Thread(call, "port-reservation-acquire");
		thread.setDaemon(true);
		thread.start();
		try {
			INET_PORT_RESERVATION_INSTANCE instance = call.get(Math.max(0, deadline - System.nanoTime()),
					TimeUnit.NANOSECONDS);
			return new ReservedBlock(protocol, instance.startPort(), instance.numberOfPorts(), instance.Token, socket,
					closed);
		}
		catch (TimeoutException ex) {
			close(winsock, socket, closed);
			Throwable outcome = awaitAbort(call);
			throw new BlockUnavailableException("WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION, " + what
					+ ") did not complete in time; its socket was closed to abort the call. Raise the acquire"
					+ " timeout, or check what blocks socket calls on this machine (a layered service provider,"
					+ " firewall or endpoint security product)", protocol, startPort, count, -1, outcome);
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
