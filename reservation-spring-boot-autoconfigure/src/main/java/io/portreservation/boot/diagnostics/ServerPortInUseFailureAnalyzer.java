package io.portreservation.boot.diagnostics;

import io.portreservation.PortReservationException;
import io.portreservation.Protocol;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a server's fixed port that another process holds when the starter reserves it
 * at startup: the report reads as Spring Boot's own port-in-use report and also names the
 * process that holds the port, where {@code /proc} can tell. Ordered before Boot's own
 * analyzer, which would report the same failure without the holder. A
 * {@link PortInUseException} without a reservation failure as its cause is left to Boot.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ServerPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
		if (!(cause.getCause() instanceof PortReservationException)) {
			return null;
		}
		int port = cause.getPort();
		String holder = PortHolders.find(port, Protocol.TCP).describe();
		// Boot's own sentence first, so the report reads (and is searched for) as Boot's.
		return new FailureAnalysis(
				"Web server failed to start. Port " + port + " was already in use."
						+ (holder.isEmpty() ? "" : " It is " + holder + "."),
				"Identify and stop the process that's listening on port " + port
						+ " or configure this application to listen on another port. Nothing was left bound.",
				cause);
	}

}
