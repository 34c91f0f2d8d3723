package io.portreservation.windows.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.ptr.IntByReference;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RANGE;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RESERVATION_INSTANCE;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RESERVATION_TOKEN;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Ws2_32} against the stand-in, byte for byte: the stand-in checks the
 * control code, the buffer sizes and the byte order it receives and answers with the
 * documented codes, so a marshalling mistake here fails here.
 */
@Tag("winsock-stand-in")
class Ws2_32StandInTests {

	private final Ws2_32 ws2 = Ws2_32.INSTANCE;

	private SOCKET socket;

	@BeforeEach
	void openSocket() {
		assertThat(this.ws2.WSAStartup(WinsockConstants.WINSOCK_VERSION_2_2, new Memory(Ws2_32.WSADATA_SIZE))).isZero();
		this.socket = this.ws2.WSASocketW(IPHlpAPI.AF_INET6, WinsockConstants.SOCK_STREAM, WinsockConstants.IPPROTO_TCP,
				null, 0, WinsockConstants.WSA_FLAG_NO_HANDLE_INHERIT);
		assertThat(this.socket.isInvalid()).isFalse();
	}

	@AfterEach
	void closeSocket() {
		this.ws2.closesocket(this.socket);
	}

	/**
	 * ACQUIRE through the mapping returns a 16-byte instance: the start port readable in
	 * network order from its first two bytes, the count and a non-zero token; RELEASE of
	 * that token succeeds.
	 */
	@Test
	void acquireReturnsTheInstanceInTheDocumentedLayout() {
		INET_PORT_RESERVATION_INSTANCE instance = new INET_PORT_RESERVATION_INSTANCE();
		IntByReference bytesReturned = new IntByReference(-1);
		assertThat(acquire(WinsockConstants.SIO_ACQUIRE_PORT_RESERVATION, INET_PORT_RANGE.of(0, 16),
				instance.getPointer(), 16, bytesReturned))
			.isZero();
		assertThat(bytesReturned.getValue()).isEqualTo(16);
		instance.read();
		Pointer raw = instance.getPointer();
		int startFromBytes = ((raw.getByte(0) & 0xFF) << 8) | (raw.getByte(1) & 0xFF);
		assertThat(instance.startPort()).isEqualTo(startFromBytes).isPositive();
		assertThat(instance.numberOfPorts()).isEqualTo(16);
		assertThat(instance.Token).isNotZero();
		assertThat(tokenIoctl(WinsockConstants.SIO_RELEASE_PORT_RESERVATION, instance.Token, 8, 0)).isZero();
	}

	/**
	 * A control code without IOC_IN is refused with WSAEINVAL, read where JNA saved it.
	 */
	@Test
	void wrongControlCodeIsRefusedWithWsaeinval() {
		int withoutIocIn = WinsockConstants.SIO_ACQUIRE_PORT_RESERVATION & 0x7FFFFFFF;
		assertThat(acquire(withoutIocIn, INET_PORT_RANGE.of(0, 4), new Memory(16), 16, new IntByReference()))
			.isEqualTo(WinError.WSAEINVAL);
	}

	/**
	 * A 15-byte output buffer is refused with WSAEINVAL and zero bytes returned.
	 */
	@Test
	void shortOutputBufferIsRefusedWithWsaeinvalAndZeroBytesReturned() {
		IntByReference bytesReturned = new IntByReference(-1);
		assertThat(acquire(WinsockConstants.SIO_ACQUIRE_PORT_RESERVATION, INET_PORT_RANGE.of(0, 4), new Memory(16), 15,
				bytesReturned))
			.isEqualTo(WinError.WSAEINVAL);
		assertThat(bytesReturned.getValue()).isZero();
	}

	/**
	 * A start port in the wrong byte order, whose block would run past 65535, is refused
	 * with WSAEINVAL.
	 */
	@Test
	void byteSwappedStartPortIsRefusedWithWsaeinval() {
		// 20223 is 0x4EFF; read the wrong way round it is 65358, and 200 ports from there
		// pass 65535
		INET_PORT_RANGE swapped = new INET_PORT_RANGE();
		swapped.StartPort = NetworkOrder.htons(Short.toUnsignedInt(Short.reverseBytes((short) 20223)));
		swapped.NumberOfPorts = 200;
		swapped.write();
		assertThat(acquire(WinsockConstants.SIO_ACQUIRE_PORT_RESERVATION, swapped, new Memory(16), 16,
				new IntByReference()))
			.isEqualTo(WinError.WSAEINVAL);
	}

	/**
	 * ASSOCIATE refuses a short token buffer, an output buffer and an unknown token with
	 * WSAEINVAL.
	 */
	@Test
	void associateChecksTheTokenBufferAndTheToken() {
		assertThat(tokenIoctl(WinsockConstants.SIO_ASSOCIATE_PORT_RESERVATION, 42, 4, 0)).isEqualTo(WinError.WSAEINVAL);
		assertThat(tokenIoctl(WinsockConstants.SIO_ASSOCIATE_PORT_RESERVATION, 42, 8, 8)).isEqualTo(WinError.WSAEINVAL);
		assertThat(tokenIoctl(WinsockConstants.SIO_ASSOCIATE_PORT_RESERVATION, 42, 8, 0)).isEqualTo(WinError.WSAEINVAL);
	}

	/**
	 * An IOCTL on something that is not a socket fails with WSAENOTSOCK, read where JNA
	 * saved it.
	 */
	@Test
	void somethingThatIsNotASocketIsRefusedWithWsaenotsock() {
		INET_PORT_RESERVATION_TOKEN token = INET_PORT_RESERVATION_TOKEN.of(1);
		int result = this.ws2.WSAIoctl(new SOCKET(0), WinsockConstants.SIO_RELEASE_PORT_RESERVATION, token.getPointer(),
				8, null, 0, new IntByReference(), null, null);
		assertThat(result).isEqualTo(WinsockConstants.SOCKET_ERROR);
		assertThat(Native.getLastError()).isEqualTo(WinError.WSAENOTSOCK);
	}

	/**
	 * A failed Winsock call's code is where JNA saves it ({@link Native#getLastError()}),
	 * and a second call to {@code WSAGetLastError} reads 0, as on Windows after JNA's own
	 * {@code TlsGetValue}: proves the stand-in models that, so any use of
	 * {@code WSAGetLastError} left in the code fails on Linux.
	 */
	@Test
	void failedBindLeavesItsCodeWhereJnaSavesItAndWsaGetLastErrorReadsZero() throws Exception {
		WinsockTypes.SOCKADDR_IN6 foreign = WinsockTypes.SOCKADDR_IN6.of(java.net.InetAddress.getByName("2001:db8::1"),
				0);
		assertThat(this.ws2.bind(this.socket, foreign, foreign.size())).isEqualTo(WinsockConstants.SOCKET_ERROR);
		assertThat(Native.getLastError()).isEqualTo(WinError.WSAEADDRNOTAVAIL);
		assertThat(LastError.INSTANCE.WSAGetLastError()).isZero();
	}

	/**
	 * Proves only the stand-in's bookkeeping of the flag, which the backend tests rely
	 * on.
	 */
	@Test
	void onlySocketsWithoutTheNoInheritFlagAreCountedAsInheritable() {
		int before = LastError.INSTANCE.standin_inheritable_created();
		SOCKET inheritable = this.ws2.WSASocketW(IPHlpAPI.AF_INET6, WinsockConstants.SOCK_DGRAM,
				WinsockConstants.IPPROTO_UDP, null, 0, WinsockConstants.WSA_FLAG_OVERLAPPED);
		try {
			assertThat(LastError.INSTANCE.standin_inheritable_created()).isEqualTo(before + 1);
		}
		finally {
			this.ws2.closesocket(inheritable);
		}
		SOCKET notInheritable = this.ws2.WSASocketW(IPHlpAPI.AF_INET6, WinsockConstants.SOCK_DGRAM,
				WinsockConstants.IPPROTO_UDP, null, 0, WinsockConstants.WSA_FLAG_NO_HANDLE_INHERIT);
		this.ws2.closesocket(notInheritable);
		assertThat(LastError.INSTANCE.standin_inheritable_created()).isEqualTo(before + 1);
	}

	private int acquire(int code, INET_PORT_RANGE range, Pointer out, int outSize, IntByReference bytesReturned) {
		int result = this.ws2.WSAIoctl(this.socket, code, range.getPointer(), range.size(), out, outSize, bytesReturned,
				null, null);
		return (result == 0) ? 0 : Native.getLastError();
	}

	private int tokenIoctl(int code, long token, int inSize, int outSize) {
		INET_PORT_RESERVATION_TOKEN in = INET_PORT_RESERVATION_TOKEN.of(token);
		Memory out = new Memory(8);
		int result = this.ws2.WSAIoctl(this.socket, code, in.getPointer(), inSize, (outSize > 0) ? out : null, outSize,
				new IntByReference(), null, null);
		return (result == 0) ? 0 : Native.getLastError();
	}

	/** What the Java mapping deliberately leaves out, and the stand-in's own counter. */
	interface LastError extends com.sun.jna.Library {

		LastError INSTANCE = Native.load("ws2_32", LastError.class);

		int WSAGetLastError();

		int standin_inheritable_created();

	}

}
