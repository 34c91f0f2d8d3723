package io.portreservation.test.spring;

import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;

/**
 * One {@link ReservedPortProperty}, as a value: test classes whose specs are equal share
 * a cached context.
 *
 * @param name the property name
 * @param template the value template
 * @param ports the block size
 * @param protocol the protocol
 * @param holdUntilClose whether the block is held until the context closes
 */
record PortPropertySpec(String name, String template, int ports, Protocol protocol, boolean holdUntilClose) {

	static PortPropertySpec of(ReservedPortProperty annotation) {
		if (annotation.name().isBlank()) {
			throw new IllegalStateException("@ReservedPortProperty needs a property name");
		}
		if (annotation.ports() < 1) {
			throw new IllegalStateException("@ReservedPortProperty(name = \"" + annotation.name() + "\", ports = "
					+ annotation.ports() + ") asks for no port; a block needs at least 1 port");
		}
		return new PortPropertySpec(annotation.name(), annotation.value(), annotation.ports(), annotation.protocol(),
				annotation.holdUntilClose());
	}

	ReservationRequest request() {
		return ReservationRequest.anyBlock(this.protocol, this.ports);
	}

	String render(int firstPort) {
		return this.template.replace("${port}", Integer.toString(firstPort))
			.replace("${first-port}", Integer.toString(firstPort))
			.replace("${last-port}", Integer.toString(firstPort + this.ports - 1));
	}

}
