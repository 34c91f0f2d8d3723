package io.portreservation;

/**
 * The chosen backend cannot work on this platform (Winsock off Windows, a Windows build
 * whose reservation IOCTLs cannot be trusted, Wine), or the JVM lacks something it needs
 * (such as an {@code --add-opens} flag). The message says what to do instead.
 */
public class UnsupportedPlatformException extends PortReservationException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what is missing and what to do
	 */
	public UnsupportedPlatformException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message what is missing and what to do
	 * @param cause the underlying failure
	 */
	public UnsupportedPlatformException(String message, Throwable cause) {
		super(message, cause);
	}

}
