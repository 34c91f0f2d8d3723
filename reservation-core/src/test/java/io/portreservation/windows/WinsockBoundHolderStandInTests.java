package io.portreservation.windows;

import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.testfixtures.PortThief;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The whole Winsock contract again with the other holder design,
 * {@code -Dio.portreservation.winsock.holder=bound}: the acquiring socket is associated
 * and bound inside its own reservation. Against the stand-in this proves the option's
 * flow and bookkeeping (one extra port, never leased, held), not which design keeps other
 * processes out on Windows: the Windows workflow measures that.
 */
@Tag("winsock-stand-in")
class WinsockBoundHolderStandInTests extends WinsockReservationsContractTests {

	@BeforeAll
	static void chooseTheBoundHolder() {
		System.setProperty(HolderDesign.PROPERTY, "bound");
	}

	@AfterAll
	static void restoreTheDefault() {
		System.clearProperty(HolderDesign.PROPERTY);
	}

	@AfterEach
	void resetStandIn() {
		StandIn.reset();
		System.setProperty(HolderDesign.PROPERTY, "bound");
	}

	/**
	 * Proves that the holder takes the port just after the block, which a second process
	 * cannot bind while the block is held and gets back after it is released, and that
	 * the block itself keeps the requested size.
	 */
	@Test
	void theHolderBindsThePortJustAfterTheBlock() throws Exception {
		int holderPort;
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP, 3))) {
			assertThat(block.count()).isEqualTo(3);
			holderPort = block.lastPort() + 1;
			assertThat(PortThief.sweep("tcp", holderPort)).isEmpty();
		}
		assertThat(PortThief.sweep("tcp", holderPort)).isNotEmpty();
	}

	/**
	 * Proves that a wrong value is refused before anything is reserved, naming the
	 * property.
	 */
	@Test
	void anUnknownHolderDesignIsRefusedNamingTheProperty() {
		System.setProperty(HolderDesign.PROPERTY, "floating");
		assertThatIllegalArgumentException().isThrownBy(() -> reserve(ReservationRequest.anyBlock(Protocol.TCP, 1)))
			.withMessage("The system property io.portreservation.winsock.holder is 'floating'; it must be 'unbound'"
					+ " (the default) or 'bound'");
	}

}
