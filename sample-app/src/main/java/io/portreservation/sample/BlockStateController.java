package io.portreservation.sample;

import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.actuate.PortReservationsEndpoint;
import io.portreservation.boot.actuate.PortReservationsEndpoint.PortReservationsDescriptor;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reservation state for the page at {@code /}: the data of
 * {@code /actuator/portreservations}, served on the page's own origin so that the page
 * needs no cross-origin call to the management port. Works on Spring MVC and WebFlux.
 */
@RestController
class BlockStateController {

	private final PortReservationsEndpoint endpoint;

	BlockStateController(PortAllocator allocator) {
		// The sample never shows the token on its public port.
		this.endpoint = new PortReservationsEndpoint(allocator, false);
	}

	@GetMapping(path = "/blocks", produces = "application/json")
	PortReservationsDescriptor blocks() {
		return this.endpoint.portReservations();
	}

}
