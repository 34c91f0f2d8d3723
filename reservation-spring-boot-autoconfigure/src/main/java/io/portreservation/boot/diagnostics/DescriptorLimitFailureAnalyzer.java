package io.portreservation.boot.diagnostics;

import io.portreservation.ReservationArgument;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.autoconfigure.PortReservationProperties;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link DescriptorLimitException}: the blocks would leave the application
 * without file descriptors, and by how much to raise the limit.
 */
class DescriptorLimitFailureAnalyzer extends AbstractFailureAnalyzer<DescriptorLimitException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DescriptorLimitException cause) {
		return new FailureAnalysis("The port blocks " + cause.getBlocks() + " would hold " + cause.getNeeded()
				+ " file descriptors (one socket per port, two for a TCP-UDP port). This process may open "
				+ cause.getLimit() + " (its soft open-files limit), has " + cause.getOpen() + " open, and keeps "
				+ cause.getMargin() + " for the application itself, so nothing was reserved.",
				"Raise the open-files limit to at least " + cause.getRequiredLimit()
						+ " (ulimit -n, LimitNOFILE= in a systemd unit, --ulimit nofile= for Docker), or reserve "
						+ "fewer ports with "
						+ PortReservationProperties.propertyName(PortAllocator.DEFAULT_BLOCK, ReservationArgument.COUNT)
						+ " (or port-reservation.blocks.<name>.port-count).",
				cause);
	}

}
