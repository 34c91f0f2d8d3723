package io.portreservation.windows;

import org.junit.jupiter.api.Test;

import io.portreservation.Backend;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.UnsupportedPlatformException;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the checks the Winsock backend makes before it reserves anything. Run in the
 * plain test JVM (no stand-in, no {@code --add-opens}).
 */
class WindowsPlatformTests {

	@Test
	void buildsBefore17763AreRefusedWithWhatToDo() {
		assertThatExceptionOfType(UnsupportedPlatformException.class).isThrownBy(() -> WindowsPlatform.check(17134))
			.withMessageContaining("build 17134")
			.withMessageContaining("17763")
			.withMessageContaining("held-socket");
		assertThatNoException().isThrownBy(() -> WindowsPlatform.check(17763));
	}

	@Test
	void missingAddOpensIsNamedExactlyBeforeAnythingIsReserved() {
		assertThatExceptionOfType(UnsupportedPlatformException.class)
			.isThrownBy(() -> PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 4), Backend.WINSOCK))
			.withMessageContaining("--add-opens java.base/sun.nio.ch=ALL-UNNAMED")
			.withMessageContaining("Add-Opens: java.base/sun.nio.ch")
			.withMessageContaining("<jvmArguments>");
	}

	@Test
	void persistentRequestsAreRefusedByTheHeldSocketBackend() {
		assertThatExceptionOfType(UnsupportedPlatformException.class)
			.isThrownBy(() -> PortReservations.reserve(ReservationRequest.persistent(Protocol.TCP, 50000, 10),
					Backend.HELD_SOCKET))
			.withMessageContaining("persistent reservation exists only on Windows");
	}

}
