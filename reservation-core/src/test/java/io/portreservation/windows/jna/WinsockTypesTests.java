package io.portreservation.windows.jna;

import java.net.InetAddress;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinError;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RANGE;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RESERVATION_INSTANCE;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RESERVATION_TOKEN;
import io.portreservation.windows.jna.WinsockTypes.SOCKADDR_IN6;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WinsockTypes}: sizes, offsets and byte order as the Windows SDK
 * headers define them, the same on x86 and x64 (see docs/windows.md). Runs on every OS;
 * no native library is loaded.
 */
class WinsockTypesTests {

	@Test
	void inetPortRangeIsFourBytesWithStartPortInNetworkOrderAndCountInHostOrder() {
		INET_PORT_RANGE range = INET_PORT_RANGE.of(5000, 20);
		assertThat(range.size()).isEqualTo(4);
		Pointer memory = range.getPointer();
		// 5000, big-endian at offset 0
		assertThat(memory.getByteArray(0, 2)).containsExactly(0x13, 0x88);
		assertThat(memory.getShort(2)).isEqualTo((short) 20); // host order at offset 2
	}

	@Test
	void tokenIsEightBytes() {
		INET_PORT_RESERVATION_TOKEN token = INET_PORT_RESERVATION_TOKEN.of(0x0102030405060708L);
		assertThat(token.size()).isEqualTo(8);
		assertThat(token.getPointer().getLong(0)).isEqualTo(0x0102030405060708L);
	}

	@Test
	void instanceIsSixteenBytesWithTheTokenAtOffsetEight() {
		INET_PORT_RESERVATION_INSTANCE instance = new INET_PORT_RESERVATION_INSTANCE();
		assertThat(instance.size()).isEqualTo(16);
		Pointer memory = instance.getPointer();
		memory.write(0, new byte[] { (byte) 0xC3, 0x50 }, 0, 2); // 50000 in network order
		memory.setShort(2, (short) 64);
		memory.setInt(4, 0xDEADBEEF); // padding, ignored
		memory.setLong(8, -2L);
		instance.read();
		assertThat(instance.startPort()).isEqualTo(50000);
		assertThat(instance.numberOfPorts()).isEqualTo(64);
		assertThat(instance.Token).isEqualTo(-2L);
	}

	@Test
	void countAbove32767ReadsUnsigned() {
		INET_PORT_RANGE range = INET_PORT_RANGE.of(0, 65535);
		assertThat(Short.toUnsignedInt(range.getPointer().getShort(2))).isEqualTo(65535);
	}

	@Test
	void sockaddrIn6IsTwentyEightBytesAndMapsIpv4() throws Exception {
		SOCKADDR_IN6 name = SOCKADDR_IN6.of(InetAddress.getByName("127.0.0.1"), 8080);
		assertThat(name.size()).isEqualTo(28);
		Pointer memory = name.getPointer();
		assertThat(memory.getShort(0)).isEqualTo((short) 23);
		assertThat(memory.getByteArray(2, 2)).containsExactly(0x1F, 0x90);
		assertThat(memory.getByteArray(8, 16)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 127, 0, 0, 1);
		assertThat(SOCKADDR_IN6.of(null, 1).getPointer().getByteArray(8, 16)).containsOnly(0);
	}

	@Test
	void osVersionInfoIs276Bytes() {
		assertThat(new WinsockTypes.RTL_OSVERSIONINFOW().size()).isEqualTo(276);
		assertThat(new WinsockTypes.RTL_OSVERSIONINFOW().dwOSVersionInfoSize).isEqualTo(276);
	}

	@Test
	void socketIsPointerSizedAndWidensJdkDescriptorsWithoutSign() {
		assertThat(Native.getNativeSize(SOCKET.class)).isEqualTo(Native.POINTER_SIZE);
		assertThat(SOCKET.ofJdkDescriptor(-8).longValue()).isEqualTo(0xFFFFFFF8L);
		assertThat(new SOCKET(-1L).isInvalid()).isTrue();
		assertThat(SOCKET.ofJdkDescriptor(42).isInvalid()).isFalse();
	}

	@Test
	void ioctlCodesAreTheHeaderValues() {
		assertThat(Integer.toUnsignedLong(WinsockConstants.SIO_ACQUIRE_PORT_RESERVATION)).isEqualTo(2550136932L);
		assertThat(Integer.toUnsignedLong(WinsockConstants.SIO_RELEASE_PORT_RESERVATION)).isEqualTo(2550136933L);
		assertThat(Integer.toUnsignedLong(WinsockConstants.SIO_ASSOCIATE_PORT_RESERVATION)).isEqualTo(2550136934L);
		assertThat(WinsockConstants.SO_EXCLUSIVEADDRUSE).isEqualTo(0xFFFFFFFB);
	}

	@Test
	void errorTableNamesEveryCodeOfTheFactsFile() {
		int[] codes = { 10004, 10013, 10014, 10022, 10035, 10036, 10038, 10043, 10045, 10047, 10048, 10049, 10050,
				10055, 10093, 995, 997, 0, 5, 32, 50, 87, 122, 183, 1168, 1450 };
		for (int code : codes) {
			assertThat(WsaError.name(code)).as("code %d", code).doesNotStartWith("error ");
		}
		assertThat(new WinsockException("WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION, TCP 5000-5019)", WinError.WSAEINVAL,
				WsaError.Call.ACQUIRE))
			.hasMessageStartingWith(
					"WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION, TCP 5000-5019) failed with WSAEINVAL (10022): ")
			.hasMessageContaining("network byte order");
	}

}
