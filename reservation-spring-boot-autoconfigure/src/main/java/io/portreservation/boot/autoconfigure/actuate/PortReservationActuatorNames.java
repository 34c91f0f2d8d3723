package io.portreservation.boot.autoconfigure.actuate;

/**
 * Names the Actuator auto-configurations share with the core auto-configuration.
 */
final class PortReservationActuatorNames {

	/** The auto-configuration that defines the {@code PortAllocator} bean. */
	static final String RESERVATION_AUTO_CONFIGURATION = "io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration";

	/** Whether the endpoint shows each block's reservation token. */
	static final String SHOW_TOKEN = "port-reservation.show-token";

	private PortReservationActuatorNames() {
	}

}
