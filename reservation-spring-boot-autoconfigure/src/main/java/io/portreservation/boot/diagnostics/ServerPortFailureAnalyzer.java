package io.portreservation.boot.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link ServerPortException}: the server, the property that set its port, the
 * port and the block, and how to bring them together.
 */
class ServerPortFailureAnalyzer extends AbstractFailureAnalyzer<ServerPortException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ServerPortException cause) {
		String block = cause.getBlockPorts().toString();
		String property = cause.getProperty();
		String setting = property + "=" + cause.getPort();
		String description = "The " + cause.getServer() + " server cannot bind inside the reserved port block " + block
				+ ": " + cause.getMessage();
		String action = switch (cause.getReason()) {
			case NOT_A_PORT -> "Set " + property + " to a port between 1 and 65535, to 0 to take a port of the "
					+ "reserved block, or to -1 to switch the server off.";
			case BLOCK_EXHAUSTED -> "Raise port-reservation.port-count: every port of the block is leased already.";
			case ALREADY_LEASED ->
				"Give each server its own port: " + setting + " is taken by another server of this application.";
			case CONNECTOR_REFUSED ->
				"Create the connector so that it can take a port of the block (see the " + "message), or remove it.";
		};
		return new FailureAnalysis(description, action, cause);
	}

}
