package io.portreservation;

/**
 * A native call failed with an error code the library does not turn into a more specific
 * exception. The message names the operation, the code's symbol and number, and what the
 * code means for that operation.
 */
public class NativeReservationException extends PortReservationException {

	private static final long serialVersionUID = 1L;

	private final String operation;

	private final int errorCode;

	private final String errorName;

	/**
	 * Create an exception.
	 * @param operation the failed call, such as
	 * {@code WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION)}
	 * @param errorCode the native error code
	 * @param errorName the code's symbolic name, such as {@code WSAEINVAL}
	 * @param meaning what the code means for this call
	 */
	public NativeReservationException(String operation, int errorCode, String errorName, String meaning) {
		super(operation + " failed with " + errorName + " (" + errorCode + "): " + meaning);
		this.operation = operation;
		this.errorCode = errorCode;
		this.errorName = errorName;
	}

	/**
	 * The failed call.
	 * @return the operation
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * The native error code.
	 * @return the code
	 */
	public int getErrorCode() {
		return this.errorCode;
	}

	/**
	 * The code's symbolic name.
	 * @return the name, such as {@code WSAEADDRINUSE}
	 */
	public String getErrorName() {
		return this.errorName;
	}

}
