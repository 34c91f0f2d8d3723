package io.portreservation.boot.autoconfigure;

import io.portreservation.heldsocket.HeldSocketReservations;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;

/**
 * Loads JNA and its native library in Spring Boot's own background pre-initialisation,
 * which runs its {@link BackgroundPreinitializer}s on a thread of its own as the
 * application starts (skipped on a single processor and when
 * {@code spring.backgroundpreinitializer.ignore} is true), so the reservation on the main
 * thread does not wait for JNA (about 30 to 50 ms here). Not on Linux when
 * {@code java.base} opens {@code sun.nio.ch} to the library: the held-socket backend then
 * holds ports through the JDK's own natives and never loads JNA.
 */
final class PortReservationBackgroundPreinitializer implements BackgroundPreinitializer {

	@Override
	public void preinitialize() throws Exception {
		if (HeldSocketReservations.holdsWithoutJna()) {
			return;
		}
		// Only a head start: the reservation loads JNA itself and reports any failure.
		Class.forName("com.sun.jna.Native", true, PortReservationBackgroundPreinitializer.class.getClassLoader());
	}

}
