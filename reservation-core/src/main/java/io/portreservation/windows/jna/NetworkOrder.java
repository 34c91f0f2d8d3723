package io.portreservation.windows.jna;

import java.nio.ByteOrder;

/**
 * {@code htons}/{@code ntohs} in Java: a port in network byte order, as the USHORT value
 * a structure field must hold so that its bytes in memory are big-endian.
 */
public final class NetworkOrder {

	private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

	private NetworkOrder() {
	}

	/**
	 * Host to network order.
	 * @param port a port, 0 to 65535
	 * @return the USHORT to store
	 */
	public static short htons(int port) {
		short value = (short) port;
		return BIG_ENDIAN ? value : Short.reverseBytes(value);
	}

	/**
	 * Network to host order.
	 * @param value a USHORT read from a structure
	 * @return the port, 0 to 65535
	 */
	public static int ntohs(short value) {
		return Short.toUnsignedInt(BIG_ENDIAN ? value : Short.reverseBytes(value));
	}

}
