package io.portreservation.windows;

import io.portreservation.Backend;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.UnsupportedPlatformException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Tests for {@link WindowsPlatform} and the other checks the Winsock backend makes before
 * it reserves anything. Run in the plain test JVM (no stand-in).
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
	void missingAddOpensIsNamedExactly() {
		// this plain test JVM lacks the flag everywhere but on Windows, where the build
		// adds it to every test JVM
		assumeFalse(Object.class.getModule().isExported("sun.nio.ch", getClass().getModule()),
				"this JVM opens sun.nio.ch");
		assertThatExceptionOfType(UnsupportedPlatformException.class).isThrownBy(ChannelSockets::checkAccess)
			.withMessageContaining("--add-opens java.base/sun.nio.ch=ALL-UNNAMED")
			.withMessageContaining("Add-Opens: java.base/sun.nio.ch")
			.withMessageContaining("<jvmArguments>");
	}

	@Test
	@DisabledOnOs(OS.WINDOWS)
	void winsockOffWindowsSaysWs2_32IsMissingAndWhatToChooseInstead() {
		assertThatExceptionOfType(UnsupportedPlatformException.class)
			.isThrownBy(() -> PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 4), Backend.WINSOCK))
			.withMessageContaining("needs Windows' ws2_32.dll")
			.withMessageContaining("choose the auto or held-socket backend");
	}

	@Test
	void persistentRequestsAreRefusedByTheHeldSocketBackend() {
		assertThatExceptionOfType(UnsupportedPlatformException.class)
			.isThrownBy(() -> PortReservations.reserve(ReservationRequest.persistent(Protocol.TCP, 50000, 10),
					Backend.HELD_SOCKET))
			.withMessageContaining("persistent reservation exists only on Windows");
	}

}
