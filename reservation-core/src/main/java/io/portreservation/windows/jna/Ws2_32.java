package io.portreservation.windows.jna;

import java.net.Inet4Address;
import java.net.InetAddress;

import com.sun.jna.IntegerType;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * What the Winsock backend calls in {@code ws2_32.dll}; jna-platform's {@code Winsock2}
 * maps none of it. Extends {@link StdCallLibrary} for {@code WSAAPI} (__stdcall) on
 * 32-bit x86; the DLL's export names are undecorated. Calls return what C returns: the
 * caller checks the result and reads {@link #WSAGetLastError()} at once.
 */
public interface Ws2_32 extends StdCallLibrary {

	/** The library, loaded on first use. */
	Ws2_32 INSTANCE = Native.load("ws2_32", Ws2_32.class);

	/**
	 * {@code int WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData)}; returns the
	 * error code itself.
	 * @param wVersionRequested {@link WinsockConstants#WINSOCK_VERSION_2_2}
	 * @param lpWSAData an opaque buffer of at least {@link #WSADATA_SIZE} bytes
	 * @return 0 or a WSA error code
	 */
	int WSAStartup(short wVersionRequested, Pointer lpWSAData);

	/** A buffer size that holds WSADATA on every architecture (408 bytes on x64). */
	int WSADATA_SIZE = 512;

	/**
	 * {@code int WSAGetLastError(void)}.
	 * @return the calling thread's last Winsock error
	 */
	int WSAGetLastError();

	/**
	 * {@code SOCKET socket(int af, int type, int protocol)}.
	 * @param af {@link WinsockConstants#AF_INET6}
	 * @param type {@link WinsockConstants#SOCK_STREAM} or {@link WinsockConstants#SOCK_DGRAM}
	 * @param protocol {@link WinsockConstants#IPPROTO_TCP} or {@link WinsockConstants#IPPROTO_UDP}
	 * @return the socket, or {@link SOCKET#isInvalid() INVALID_SOCKET}
	 */
	SOCKET socket(int af, int type, int protocol);

	/**
	 * {@code int closesocket(SOCKET s)}.
	 * @param s the socket
	 * @return 0 or {@link WinsockConstants#SOCKET_ERROR}
	 */
	int closesocket(SOCKET s);

	/**
	 * {@code int setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen)}
	 * for an int-valued option.
	 * @param s the socket
	 * @param level the level
	 * @param optname the option
	 * @param optval the value
	 * @param optlen 4
	 * @return 0 or {@link WinsockConstants#SOCKET_ERROR}
	 */
	int setsockopt(SOCKET s, int level, int optname, IntByReference optval, int optlen);

	/**
	 * {@code int bind(SOCKET s, const sockaddr *name, int namelen)}, used only to find
	 * the real cause of a failed JDK bind (the JDK turns WSAEACCES into "in use").
	 * @param s the socket
	 * @param name the address
	 * @param namelen its size
	 * @return 0 or {@link WinsockConstants#SOCKET_ERROR}
	 */
	int bind(SOCKET s, SOCKADDR_IN6 name, int namelen);

	/**
	 * {@code int WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer,
	 * LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped,
	 * LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)}.
	 * @param s the socket
	 * @param dwIoControlCode the control code (a DWORD bit pattern)
	 * @param lpvInBuffer the input buffer
	 * @param cbInBuffer its size
	 * @param lpvOutBuffer the output buffer, or {@code null}
	 * @param cbOutBuffer its size, 0 without one
	 * @param lpcbBytesReturned receives the bytes written to the output buffer
	 * @param lpOverlapped {@code null}: the call blocks until done
	 * @param lpCompletionRoutine {@code null}
	 * @return 0 or {@link WinsockConstants#SOCKET_ERROR}
	 */
	int WSAIoctl(SOCKET s, int dwIoControlCode, Pointer lpvInBuffer, int cbInBuffer, Pointer lpvOutBuffer,
			int cbOutBuffer, IntByReference lpcbBytesReturned, Pointer lpOverlapped, Pointer lpCompletionRoutine);

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

	/** mstcpip.h {@code INET_PORT_RANGE}: 4 bytes, StartPort in network byte order, NumberOfPorts in host order. */
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

	/** ws2ipdef.h {@code SOCKADDR_IN6}: 28 bytes; an IPv4 address goes in as ::ffff:a.b.c.d, as the JDK passes it. */
	@FieldOrder({ "sin6_family", "sin6_port", "sin6_flowinfo", "sin6_addr", "sin6_scope_id" })
	final class SOCKADDR_IN6 extends Structure {

		/** {@link WinsockConstants#AF_INET6}. */
		public short sin6_family = WinsockConstants.AF_INET6;

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
		public static SOCKADDR_IN6 of(InetAddress address, int port) {
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
				if (address instanceof java.net.Inet6Address inet6) {
					name.sin6_scope_id = inet6.getScopeId();
				}
			}
			name.write();
			return name;
		}

	}

}
