package io.portreservation.windows.jna;

import io.portreservation.NativeReservationException;

/**
 * A Winsock or iphlpapi call failed. The message names the call, the code's symbol and
 * number and what the code means for that call, from {@link WsaError}.
 */
public class WinsockException extends NativeReservationException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param operation the failed call with its arguments, such as
	 * {@code WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION, TCP 5000-5019)}
	 * @param code the WSA or Win32 error code
	 * @param call which kind of call failed, to pick the code's meaning
	 */
	public WinsockException(String operation, int code, WsaError.Call call) {
		super(operation, code, WsaError.name(code), WsaError.meaning(code, call));
	}

}
