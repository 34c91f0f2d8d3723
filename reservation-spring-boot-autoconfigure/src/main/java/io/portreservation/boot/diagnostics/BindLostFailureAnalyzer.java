package io.portreservation.boot.diagnostics;

import io.portreservation.BindLostException;
import io.portreservation.Protocol;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a {@link BindLostException}: a server (TCP or UDP) could not take its port
 * from the reserved block. Ordered first so that the report names the reservation rather
 * than Boot's generic "port already in use".
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class BindLostFailureAnalyzer extends AbstractFailureAnalyzer<BindLostException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindLostException cause) {
		int port = cause.getPort();
		String who = PortHolders.find(port, Protocol.TCP_UDP)
			.holders()
			.stream()
			.filter((holder) -> !holder.isThisProcess())
			.map(Object::toString)
			.findFirst()
			.map((holder) -> " Port " + port + " is also held by " + holder + " (found through /proc).")
			.orElse("");
		return new FailureAnalysis(
				"A server could not take port " + port + " from the reserved port block: " + cause.getMessage() + "."
						+ who,
				"The rest of the block stays reserved and nothing else was bound. If another process is named above, "
						+ "stop it; check that the server's address (server.address) belongs to this machine; then "
						+ "start the application again.",
				cause);
	}

}
