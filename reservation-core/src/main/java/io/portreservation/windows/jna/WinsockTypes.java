package io.portreservation.windows.jna;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

import com.sun.jna.IntegerType;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import org.jspecify.annotations.Nullable;

/**
 * The Win32 types the mapping passes (winsock2.h, ws2ipdef.h, mstcpip.h, wdm.h). They
 * live outside the library interfaces: JNA initialises a structure's enclosing library
 * interface, which would load the DLL just to lay out memory.
 */
public interface WinsockTypes {

	/**
	 * {@code typedef UINT_PTR SOCKET}: pointer-sized and unsigned, so INVALID_SOCKET
	 * ({@code ~0}) is all ones on x86 and x64 alike.
	 */
	final class SOCKET extends IntegerType {

		private static final long serialVersionUID = 1L;

		/** For JNA. */
		public SOCKET() {
			this(0);
		}

		/**
		 * A socket handle.
		 * @param value the handle
		 */
		public SOCKET(long value) {
			super(Native.POINTER_SIZE, value, true);
		}

		/**
		 * The SOCKET of a JDK channel, whose {@code int} the JDK keeps, widened the way
		 * the JDK widens it (zero-extended).
		 * @param fdVal the channel's descriptor value
		 * @return the handle
		 */
		public static SOCKET ofJdkDescriptor(int fdVal) {
			return new SOCKET(Integer.toUnsignedLong(fdVal));
		}

		/**
		 * Whether this is INVALID_SOCKET.
		 * @return {@code true} for {@code ~0}
		 */
		public boolean isInvalid() {
			return (Native.POINTER_SIZE == 8) ? longValue() == -1L : longValue() == 0xFFFFFFFFL;
		}

	}

	/**
	 * mstcpip.h {@code INET_PORT_RANGE}: 4 bytes, StartPort in network byte order,
	 * NumberOfPorts in host order.
	 */
	@FieldOrder({ "StartPort", "NumberOfPorts" })
	final class INET_PORT_RANGE extends Structure {

		/** The first port in network byte order; 0 lets the system choose. */
		public short StartPort;

		/** The number of ports, host byte order. */
		public short NumberOfPorts;

		/**
		 * A range written to native memory.
		 * @param startPort the first port (host order), 0 for any
		 * @param count the number of ports
		 * @return the structure, written
		 */
		public static INET_PORT_RANGE of(int startPort, int count) {
			INET_PORT_RANGE range = new INET_PORT_RANGE();
			range.StartPort = NetworkOrder.htons(startPort);
			range.NumberOfPorts = (short) count;
			range.write();
			return range;
		}

	}

	/** mstcpip.h {@code INET_PORT_RESERVATION_TOKEN}: 8 bytes. */
	@FieldOrder("Token")
	final class INET_PORT_RESERVATION_TOKEN extends Structure {

		/** The token; 0 is INVALID_PORT_RESERVATION_TOKEN. */
		public long Token;

		/**
		 * A token written to native memory.
		 * @param token the token
		 * @return the structure, written
		 */
		public static INET_PORT_RESERVATION_TOKEN of(long token) {
			INET_PORT_RESERVATION_TOKEN structure = new INET_PORT_RESERVATION_TOKEN();
			structure.Token = token;
			structure.write();
			return structure;
		}

	}

	/**
	 * mstcpip.h {@code INET_PORT_RESERVATION_INSTANCE}: 16 bytes, the range at 0, four
	 * bytes of padding, the token at 8 (JNA's default alignment puts it there).
	 */
	@FieldOrder({ "StartPort", "NumberOfPorts", "Token" })
	final class INET_PORT_RESERVATION_INSTANCE extends Structure {

		/** The block's first port in network byte order. */
		public short StartPort;

		/** The block's size, host byte order. */
		public short NumberOfPorts;

		/** The reservation's token. */
		public long Token;

		/**
		 * The first port in host order.
		 * @return the port
		 */
		public int startPort() {
			return NetworkOrder.ntohs(this.StartPort);
		}

		/**
		 * The number of ports.
		 * @return the count
		 */
		public int numberOfPorts() {
			return Short.toUnsignedInt(this.NumberOfPorts);
		}

	}

	/**
	 * ws2ipdef.h {@code SOCKADDR_IN6}: 28 bytes; an IPv4 address goes in as
	 * ::ffff:a.b.c.d, as the JDK passes it.
	 */
	@FieldOrder({ "sin6_family", "sin6_port", "sin6_flowinfo", "sin6_addr", "sin6_scope_id" })
	final class SOCKADDR_IN6 extends Structure {

		/** {@link IPHlpAPI#AF_INET6}. */
		public short sin6_family = IPHlpAPI.AF_INET6;

		/** The port in network byte order. */
		public short sin6_port;

		/** Flow information, 0. */
		public int sin6_flowinfo;

		/** The IPv6 address. */
		public byte[] sin6_addr = new byte[16];

		/** The scope id. */
		public int sin6_scope_id;

		/**
		 * The address a dual-stack socket binds for {@code address} and {@code port}.
		 * @param address the local address, {@code null} for the wildcard
		 * @param port the port
		 * @return the structure, written
		 */
		public static SOCKADDR_IN6 of(@Nullable InetAddress address, int port) {
			SOCKADDR_IN6 name = new SOCKADDR_IN6();
			name.sin6_port = NetworkOrder.htons(port);
			if (address instanceof Inet4Address) {
				byte[] v4 = address.getAddress();
				name.sin6_addr[10] = (byte) 0xFF;
				name.sin6_addr[11] = (byte) 0xFF;
				System.arraycopy(v4, 0, name.sin6_addr, 12, 4);
			}
			else if (address != null) {
				name.sin6_addr = address.getAddress();
				if (address instanceof Inet6Address inet6) {
					name.sin6_scope_id = inet6.getScopeId();
				}
			}
			name.write();
			return name;
		}

	}

	/** ws2def.h {@code SOCKADDR_IN}: 16 bytes, for a socket made AF_INET. */
	@FieldOrder({ "sin_family", "sin_port", "sin_addr", "sin_zero" })
	final class SOCKADDR_IN extends Structure {

		/** {@link IPHlpAPI#AF_INET}. */
		public short sin_family = IPHlpAPI.AF_INET;

		/** The port in network byte order. */
		public short sin_port;

		/** The IPv4 address, in network byte order. */
		public byte[] sin_addr = new byte[4];

		/** Zero padding. */
		public byte[] sin_zero = new byte[8];

		/**
		 * The address an AF_INET socket binds for {@code address} and {@code port}.
		 * @param address the local IPv4 address, {@code null} for the wildcard
		 * @param port the port
		 * @return the structure, written
		 */
		public static SOCKADDR_IN of(@Nullable Inet4Address address, int port) {
			SOCKADDR_IN name = new SOCKADDR_IN();
			name.sin_port = NetworkOrder.htons(port);
			if (address != null) {
				name.sin_addr = address.getAddress();
			}
			name.write();
			return name;
		}

	}

	/** wdm.h {@code RTL_OSVERSIONINFOW}: 276 bytes (WCHAR is two bytes on Windows). */
	@FieldOrder({ "dwOSVersionInfoSize", "dwMajorVersion", "dwMinorVersion", "dwBuildNumber", "dwPlatformId",
			"szCSDVersion" })
	final class RTL_OSVERSIONINFOW extends Structure {

		/** The structure's size, set before the call. */
		public int dwOSVersionInfoSize;

		/** The major version. */
		public int dwMajorVersion;

		/** The minor version. */
		public int dwMinorVersion;

		/** The build number. */
		public int dwBuildNumber;

		/** The platform id. */
		public int dwPlatformId;

		/** The service pack, as UTF-16 code units. */
		public short[] szCSDVersion = new short[128];

		/** A structure with its size field set. */
		public RTL_OSVERSIONINFOW() {
			this.dwOSVersionInfoSize = size();
		}

	}

}
