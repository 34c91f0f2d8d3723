package io.portreservation.boot.diagnostics;

import io.portreservation.BlockUnavailableException;
import io.portreservation.InvalidReservationArgumentException;
import io.portreservation.PortReservationException;
import io.portreservation.ReservationArgument;
import io.portreservation.ReservationRequest;
import io.portreservation.UnsupportedPlatformException;
import io.portreservation.boot.BlockSummary;
import io.portreservation.boot.autoconfigure.PortReservationProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link BlockReservationException}: which block, which port or setting, who
 * holds a taken port, and which property to change. Property names come from
 * {@link PortReservationProperties}, never from the core library's messages.
 */
class BlockReservationFailureAnalyzer extends AbstractFailureAnalyzer<BlockReservationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BlockReservationException cause) {
		String name = cause.getBlockName();
		ReservationRequest request = cause.getRequest();
		PortReservationException failure = cause.getCause();
		if (failure instanceof InvalidReservationArgumentException invalid) {
			return invalid(name, invalid, cause);
		}
		if (failure instanceof BlockUnavailableException unavailable && request != null) {
			return request.isWildcard() ? noFreeBlock(name, request, unavailable)
					: blockTaken(name, request, unavailable);
		}
		if (failure instanceof UnsupportedPlatformException) {
			return new FailureAnalysis(
					"The port block '" + name + "' cannot be reserved on this platform: " + failure.getMessage() + ".",
					"Set " + property(name, ReservationArgument.BACKEND) + "=auto to use the backend that fits this "
							+ "platform (winsock on Windows, held-socket elsewhere), or follow the advice above.",
					cause);
		}
		return new FailureAnalysis("The port block '" + name + "' cannot be reserved: " + failure.getMessage() + ".",
				"Check the " + PortReservationProperties.blockPrefix(name) + ".* properties, or disable the "
						+ "reservation with port-reservation.enabled=false.",
				cause);
	}

	private FailureAnalysis invalid(String name, InvalidReservationArgumentException invalid,
			BlockReservationException cause) {
		String property = property(name, invalid.getArgument());
		return new FailureAnalysis(
				"The port block '" + name + "' cannot be reserved with " + property + "=" + invalid.getValue()
						+ ": allowed is " + invalid.getAllowed() + ".",
				"Set " + property + " to " + invalid.getAllowed() + ".", cause);
	}

	private FailureAnalysis noFreeBlock(String name, ReservationRequest request, BlockUnavailableException failure) {
		String count = property(name, ReservationArgument.COUNT);
		if (failure.getReason() == BlockUnavailableException.Reason.TIMED_OUT) {
			String timeout = property(name, ReservationArgument.TIMEOUT);
			return new FailureAnalysis(
					"No free block of " + request.count() + " " + request.protocol() + " ports for the port block '"
							+ name + "' was found within " + timeout + " (" + request.timeout().toMillis() + " ms): "
							+ failure.getMessage() + ".",
					"Raise " + timeout + ", lower " + count + ", or free ports on this machine.", failure);
		}
		return new FailureAnalysis(
				"No free block of " + request.count() + " " + request.protocol() + " ports for the port block '" + name
						+ "' exists: " + failure.getMessage() + ".",
				"Lower " + count + ", widen " + property(name, ReservationArgument.SEARCH_RANGE) + ", or free ports on "
						+ "this machine.",
				failure);
	}

	private FailureAnalysis blockTaken(String name, ReservationRequest request, BlockUnavailableException failure) {
		String startPort = property(name, ReservationArgument.START_PORT);
		String portCount = property(name, ReservationArgument.COUNT);
		int taken = failure.getTakenPort();
		PortHolders.Lookup lookup = (taken > 0) ? PortHolders.find(taken, request.protocol()) : null;
		String who = (lookup != null) ? lookup.describe() : "";
		String ports = ((request.count() == 1) ? " port " : " ports ") + BlockSummary.ports(request);
		StringBuilder description = new StringBuilder(
				"The " + request.protocol() + ports + " of the port block '" + name + "' (" + startPort + "="
						+ request.startPort() + ", " + portCount + "=" + request.count() + ") cannot be reserved: ");
		description.append((taken > 0) ? "port " + taken + " is in use" : "a port in it is in use");
		description.append(who.isEmpty() ? "." : ", " + who + ".");
		String move = "choose another block with " + startPort + ", or set " + startPort + "=0 to take any free block.";
		String action;
		if (lookup != null && lookup.heldByThisProcess()) {
			action = "This application holds the port already: another application context in this JVM, or a socket "
					+ "it opened itself. Give each its own ports: " + move;
		}
		else if (lookup != null && !lookup.holders().isEmpty()) {
			action = "Stop " + lookup.holders().get(0) + ", which holds port " + taken + ", or " + move;
		}
		else {
			action = "Stop the process that holds " + ((taken > 0) ? "port " + taken : "the port") + advice(lookup)
					+ ", or " + move;
		}
		return new FailureAnalysis(description.toString(), capitalize(action), failure);
	}

	private static String advice(PortHolders.@Nullable Lookup lookup) {
		String command = (lookup != null) ? lookup.command() : null;
		return (command != null) ? " (as root, `" + command + "` names it)" : "";
	}

	private static String property(String name, ReservationArgument argument) {
		String property = PortReservationProperties.propertyName(name, argument);
		return (property != null) ? property : argument.description();
	}

	private static String capitalize(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
