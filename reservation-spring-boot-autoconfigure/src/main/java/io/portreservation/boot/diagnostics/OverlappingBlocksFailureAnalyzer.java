package io.portreservation.boot.diagnostics;

import java.util.Objects;

import io.portreservation.ReservationArgument;
import io.portreservation.ReservationRequest;
import io.portreservation.boot.autoconfigure.PortReservationProperties;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link OverlappingBlocksException}: two blocks of this application ask for
 * the same ports, so no other process is to blame.
 */
class OverlappingBlocksFailureAnalyzer extends AbstractFailureAnalyzer<OverlappingBlocksException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, OverlappingBlocksException cause) {
		String first = describe(cause.getFirstBlock(), cause.getFirstRequest());
		String second = describe(cause.getSecondBlock(), cause.getSecondRequest());
		return new FailureAnalysis(
				"The port blocks '" + cause.getFirstBlock() + "' (" + first + ") and '" + cause.getSecondBlock() + "' ("
						+ second + ") of this application overlap on ports " + cause.getOverlap()
						+ ": one application cannot reserve a port twice.",
				"Move one block so that they do not overlap (" + startPort(cause.getSecondBlock()) + "), or set "
						+ startPort(cause.getSecondBlock()) + "=0 to take any free block.",
				cause);
	}

	private static String describe(String name, ReservationRequest request) {
		return request.protocol() + ", " + startPort(name) + "=" + request.startPort() + ", "
				+ PortReservationProperties.propertyName(name, ReservationArgument.COUNT) + "=" + request.count();
	}

	private static String startPort(String name) {
		// only PORT, an argument of a lease rather than of a block, has no property
		return Objects.requireNonNull(PortReservationProperties.propertyName(name, ReservationArgument.START_PORT));
	}

}
