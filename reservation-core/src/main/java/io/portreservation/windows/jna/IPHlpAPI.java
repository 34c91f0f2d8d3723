package io.portreservation.windows.jna;

import com.sun.jna.Native;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * jna-platform's {@code IPHlpAPI} plus the persistent port reservation functions it lacks
 * (iphlpapi.h). They return a Win32 error code directly ({@code NO_ERROR} on success),
 * not through GetLastError. StartPort is in network byte order.
 */
public interface IPHlpAPI extends com.sun.jna.platform.win32.IPHlpAPI, StdCallLibrary {

	/** The library, loaded on first use. */
	IPHlpAPI INSTANCE = Native.load("IPHlpAPI", IPHlpAPI.class, LoadOptions.get());

	/**
	 * Create a persistent TCP reservation (elevated administrators only).
	 * @param StartPort the first port, network byte order, not 0
	 * @param NumberOfPorts the number of ports
	 * @param Token receives the token
	 * @return {@code NO_ERROR} or a Win32 error code
	 */
	int CreatePersistentTcpPortReservation(short StartPort, short NumberOfPorts, LongByReference Token);

	/**
	 * Create a persistent UDP reservation (elevated administrators only).
	 * @param StartPort the first port, network byte order, not 0
	 * @param NumberOfPorts the number of ports
	 * @param Token receives the token
	 * @return {@code NO_ERROR} or a Win32 error code
	 */
	int CreatePersistentUdpPortReservation(short StartPort, short NumberOfPorts, LongByReference Token);

	/**
	 * Find the token of the persistent TCP reservation of exactly this block.
	 * @param StartPort the first port, network byte order
	 * @param NumberOfPorts the number of ports
	 * @param Token receives the token
	 * @return {@code NO_ERROR} or a Win32 error code (ERROR_NOT_FOUND)
	 */
	int LookupPersistentTcpPortReservation(short StartPort, short NumberOfPorts, LongByReference Token);

	/**
	 * Find the token of the persistent UDP reservation of exactly this block.
	 * @param StartPort the first port, network byte order
	 * @param NumberOfPorts the number of ports
	 * @param Token receives the token
	 * @return {@code NO_ERROR} or a Win32 error code (ERROR_NOT_FOUND)
	 */
	int LookupPersistentUdpPortReservation(short StartPort, short NumberOfPorts, LongByReference Token);

	/**
	 * Delete a persistent TCP reservation (elevated administrators only).
	 * @param StartPort the first port, network byte order
	 * @param NumberOfPorts the number of ports
	 * @return {@code NO_ERROR} or a Win32 error code
	 */
	int DeletePersistentTcpPortReservation(short StartPort, short NumberOfPorts);

	/**
	 * Delete a persistent UDP reservation (elevated administrators only).
	 * @param StartPort the first port, network byte order
	 * @param NumberOfPorts the number of ports
	 * @return {@code NO_ERROR} or a Win32 error code
	 */
	int DeletePersistentUdpPortReservation(short StartPort, short NumberOfPorts);

}
