package io.portreservation.heldsocket;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

import io.portreservation.Backend;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InternalCalls}: the classes it defines into {@code java.base} are the
 * ones built from {@code src/main/jdk}, number their calls as this side does, find every
 * member they call on this JDK, and are shared by a second copy of the library in the
 * same JVM rather than defined twice.
 */
@EnabledOnOs(OS.LINUX)
class InternalCallsTests {

	@Test
	void theDefinedClassLivesInJavaBaseAndNumbersItsCallsAsTheLibraryDoes() throws Exception {
		assertThat(InternalCalls.unavailableReason()).isNull();
		Class<?> defined = Class.forName(InternalCalls.NAME, false, null);
		assertThat(defined.getModule()).isSameAs(Object.class.getModule());
		Class<?> channel = handOverAServer();
		assertThat(channel.getName()).isEqualTo(InternalCalls.SERVER_CHANNEL_NAME);
		assertThat(channel.getModule()).isSameAs(Object.class.getModule());
		assertThat(channel.getSuperclass().getName()).isEqualTo("sun.nio.ch.ServerSocketChannelImpl");
		List<String> checked = new ArrayList<>();
		for (Field constant : InternalCalls.class.getDeclaredFields()) {
			if (constant.getType() == int.class && Modifier.isStatic(constant.getModifiers())
					&& !constant.getName().equals("NEWEST_TESTED_JDK")) {
				Field theirs = defined.getDeclaredField(constant.getName());
				theirs.setAccessible(true);
				assertThat(theirs.getInt(null)).as(constant.getName()).isEqualTo(constant.getInt(null));
				checked.add(constant.getName());
			}
		}
		assertThat(checked).contains("SOCKET", "BIND", "CLOSE", "SERVER_SOCKET_CHANNEL", "DATAGRAM_CHANNEL");
	}

	@Test
	void everyMemberTheCallsUseIsFoundOnThisJdk() {
		// what a JDK newer than those tested is asked before the first call
		assertThat(InternalCalls.call(InternalCalls.CHECK_MEMBERS)).isZero();
	}

	@Test
	void aSecondCopyOfTheLibraryInTheJvmReservesThroughTheClassTheFirstDefined() throws Exception {
		assertThat(InternalCalls.unavailableReason()).isNull();
		Class<?> defined = Class.forName(InternalCalls.NAME, false, null);
		Class<?> channel = handOverAServer();
		try (URLClassLoader copy = new URLClassLoader(
				new URL[] { location(PortReservations.class), location(LoggerFactory.class) },
				ClassLoader.getPlatformClassLoader())) {
			Class<?> reservations = copy.loadClass(PortReservations.class.getName());
			assertThat(reservations).isNotSameAs(PortReservations.class);
			Class<?> request = copy.loadClass(ReservationRequest.class.getName());
			Class<?> protocol = copy.loadClass(Protocol.class.getName());
			Class<?> backend = copy.loadClass(Backend.class.getName());
			Object tcp = protocol.getField("TCP").get(null);
			Object anyBlock = request.getMethod("anyBlock", protocol, int.class).invoke(null, tcp, 8);
			Method reserve = reservations.getMethod("reserve", request, backend);
			try (AutoCloseable block = (AutoCloseable) reserve.invoke(null, anyBlock,
					backend.getField("HELD_SOCKET").get(null))) {
				Class<?> calls = copy.loadClass(SocketCalls.class.getName());
				Method get = calls.getMethod("get");
				get.setAccessible(true);
				assertThat(get.invoke(null).getClass().getSimpleName()).isEqualTo("JdkSocketCalls");
				Method firstPort = copy.loadClass(PortReservation.class.getName()).getMethod("firstPort");
				int first = (int) firstPort.invoke(block);
				for (int port = first; port < first + 8; port++) {
					HeldSocketReservationsTests.assertTcpBindRefused(port);
				}
			}
		}
		// still the one class: the copy did not define another
		assertThat(Class.forName(InternalCalls.NAME, false, null)).isSameAs(defined);
		assertThat(Class.forName(InternalCalls.SERVER_CHANNEL_NAME, false, null)).isSameAs(channel);
	}

	/** The class of the channel a lease hands over. */
	private static Class<?> handOverAServer() throws IOException {
		try (PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 1),
				Backend.HELD_SOCKET);
				PortLease lease = block.lease("server");
				ServerSocketChannel server = lease.openServerSocketChannel(null, 0)) {
			return server.getClass();
		}
	}

	private static URL location(Class<?> type) {
		return type.getProtectionDomain().getCodeSource().getLocation();
	}

}
