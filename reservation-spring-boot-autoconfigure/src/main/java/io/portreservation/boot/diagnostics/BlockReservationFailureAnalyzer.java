package io.portreservation.boot.diagnostics;

import io.portreservation.BlockUnavailableException;
import io.portreservation.InvalidReservationArgumentException;
import io.portreservation.PortReservationException;
import io.portreservation.ReservationRequest;
import io.portreservation.UnsupportedPlatformException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link BlockReservationException}: which block, which port or setting, and
 * which property to change.
 */
class BlockReservationFailureAnalyzer extends AbstractFailureAnalyzer<BlockReservationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BlockReservationException cause) {
		String prefix = cause.getPropertyPrefix();
		ReservationRequest request = cause.getRequest();
		PortReservationException failure = cause.getCause();
		if (failure instanceof InvalidReservationArgumentException invalid) {
			String property = prefix + "." + propertyOf(invalid.getArgument());
			return new FailureAnalysis(
					"The port block '" + cause.getBlockName() + "' is configured with an invalid " + property + ": "
							+ invalid.getMessage() + ".",
					"Set " + property + " to " + invalid.getAllowed() + ".", cause);
		}
		if (failure instanceof BlockUnavailableException unavailable && request != null) {
			return blockUnavailable(cause.getBlockName(), prefix, request, unavailable);
		}
		if (failure instanceof UnsupportedPlatformException) {
			return new FailureAnalysis("The port block '" + cause.getBlockName() + "' cannot be reserved on this "
					+ "platform: " + failure.getMessage(),
					"Follow the advice above, or set " + "port-reservation.backend=auto to use the backend that fits "
							+ "this platform (winsock on Windows, held-socket elsewhere).",
					cause);
		}
		return new FailureAnalysis(cause.getMessage(), "Check the " + prefix + ".* properties, or disable the "
				+ "reservation with port-reservation.enabled=false.", cause);
	}

	private FailureAnalysis blockUnavailable(String name, String prefix, ReservationRequest request,
			BlockUnavailableException unavailable) {
		if (request.isWildcard()) {
			return new FailureAnalysis(
					"No free block of " + request.count() + " " + request.protocol() + " port(s) for the port block '"
							+ name + "' was found within " + prefix + ".acquire-timeout (" + request.timeout() + "): "
							+ unavailable.getMessage(),
					"Lower " + prefix + ".port-count, raise port-reservation.acquire-timeout, or free ports on this "
							+ "machine.",
					unavailable);
		}
		int taken = unavailable.getTakenPort();
		String which = (taken > 0) ? "port " + taken + " is taken by another socket" : "a port in it is taken";
		String lastPort = String.valueOf(request.startPort() + request.count() - 1);
		return new FailureAnalysis(
				"The " + request.protocol() + " ports " + request.startPort() + "-" + lastPort + " of the port block '"
						+ name + "' (" + prefix + ".start-port=" + request.startPort() + ", " + prefix + ".port-count="
						+ request.count() + ") cannot be reserved: " + which + ".",
				"Stop the process that holds " + ((taken > 0) ? "port " + taken : "the port")
						+ " (on Linux `ss -tulpn` shows it), choose another block with " + prefix
						+ ".start-port, or set " + prefix + ".start-port=0 to take any free block.",
				unavailable);
	}

	private static String propertyOf(String argument) {
		return switch (argument) {
			case "startPort" -> "start-port";
			case "count" -> "port-count";
			case "timeout" -> "acquire-timeout";
			default -> argument;
		};
	}

}
