package io.portreservation.spi;

import java.util.Locale;

/**
 * The operating system this JVM runs on, read from {@code os.name}: the one place the
 * library decides it. Deliberately not JNA's {@code Platform}, so that choosing a backend
 * loads no JNA class where none is needed.
 */
public enum OperatingSystem {

	/** Windows: the {@code winsock} backend. */
	WINDOWS,

	/** macOS: the {@code held-socket} backend with BSD's socket rules. */
	MAC,

	/** Linux: the {@code held-socket} backend. */
	LINUX,

	/** Any other system: the {@code held-socket} backend, untested. */
	OTHER;

	private static final OperatingSystem CURRENT = of(System.getProperty("os.name", ""));

	/**
	 * The system this JVM runs on.
	 * @return the current operating system
	 */
	public static OperatingSystem current() {
		return CURRENT;
	}

	/**
	 * Whether this JVM runs on this system.
	 * @return {@code true} if it is the current one
	 */
	public boolean isCurrent() {
		return this == CURRENT;
	}

	static OperatingSystem of(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.startsWith("windows")) {
			return WINDOWS;
		}
		if (lower.startsWith("mac")) {
			return MAC;
		}
		if (lower.startsWith("linux")) {
			return LINUX;
		}
		return OTHER;
	}

}
