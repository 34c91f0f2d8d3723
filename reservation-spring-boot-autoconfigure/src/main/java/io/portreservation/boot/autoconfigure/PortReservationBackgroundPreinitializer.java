package io.portreservation.boot.autoconfigure;

import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;

/**
 * Loads JNA and its native library on a background thread as soon as the application
 * starts, as Spring Boot's own background preinitializers do for other libraries, so the
 * reservation on the main thread does not wait for it (about 30 to 50 ms here). Skipped on
 * a single processor and when {@code spring.backgroundpreinitializer.ignore} is true.
 */
class PortReservationBackgroundPreinitializer implements ApplicationListener<ApplicationStartingEvent> {

	private static final String IGNORE_PROPERTY = "spring.backgroundpreinitializer.ignore";

	@Override
	public void onApplicationEvent(ApplicationStartingEvent event) {
		if (Boolean.getBoolean(IGNORE_PROPERTY) || Runtime.getRuntime().availableProcessors() <= 1) {
			return;
		}
		ClassLoader classLoader = event.getSpringApplication().getClassLoader();
		Thread thread = new Thread(() -> preinitialize(classLoader), "port-reservation-preinitializer");
		thread.setDaemon(true);
		thread.start();
	}

	private static void preinitialize(ClassLoader classLoader) {
		try {
			Class.forName("com.sun.jna.Native", true, classLoader);
		}
		catch (Throwable ex) {
			// Only a head start: the reservation loads JNA itself and reports any failure.
		}
	}

}
