package io.portreservation.windows;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.NetworkChannel;

import io.portreservation.UnsupportedPlatformException;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;
import org.jspecify.annotations.Nullable;

/**
 * The native SOCKET of a JDK channel. The JDK keeps it as an {@code int} (in
 * {@code FileDescriptor.fd}, which every channel implementation exposes through
 * {@code sun.nio.ch.SelChImpl.getFDVal()}); reaching it needs the package
 * {@code sun.nio.ch} opened to this library, which is checked before anything is
 * reserved.
 */
final class ChannelSockets {

	private static final String PACKAGE = "sun.nio.ch";

	private static final @Nullable Class<?> SEL_CH_IMPL = findSelChImpl();

	private static volatile @Nullable MethodHandle getFdVal;

	private ChannelSockets() {
	}

	private static @Nullable Class<?> findSelChImpl() {
		try {
			return Class.forName(PACKAGE + ".SelChImpl", false, ClassLoader.getPlatformClassLoader());
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

	/**
	 * The JVM option that opens {@code sun.nio.ch} to this library.
	 * @return such as {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}
	 */
	static String requiredFlag() {
		return "--add-opens java.base/" + PACKAGE + "=" + target();
	}

	private static String target() {
		Module module = ChannelSockets.class.getModule();
		return module.isNamed() ? module.getName() : "ALL-UNNAMED";
	}

	/**
	 * Fail unless channel handles can be read.
	 * @throws UnsupportedPlatformException naming the flag to add
	 */
	static void checkAccess() {
		handle();
	}

	private static MethodHandle handle() {
		MethodHandle handle = getFdVal;
		if (handle != null) {
			return handle;
		}
		Class<?> type = SEL_CH_IMPL;
		if (type == null) {
			throw new UnsupportedPlatformException("This JDK (" + System.getProperty("java.vendor") + " "
					+ Runtime.version() + ") has no " + PACKAGE + ".SelChImpl, so the winsock backend cannot reach a"
					+ " channel's SOCKET to associate it with the reservation; use the held-socket backend");
		}
		if (!type.getModule().isExported(PACKAGE, ChannelSockets.class.getModule())) {
			throw new UnsupportedPlatformException("The winsock backend must read the SOCKET of the JDK's channels to"
					+ " associate them with the reservation, and the JVM does not open " + PACKAGE + " to it. Add the"
					+ " JVM option " + requiredFlag() + " (java command line, Spring Boot Maven plugin <jvmArguments>,"
					+ " or 'Add-Opens: java.base/" + PACKAGE + "' in an executable jar's manifest)");
		}
		try {
			handle = MethodHandles.lookup().findVirtual(type, "getFDVal", MethodType.methodType(int.class));
		}
		catch (ReflectiveOperationException ex) {
			throw new UnsupportedPlatformException("This JDK's " + type.getName()
					+ " has no getFDVal(); the winsock backend cannot reach a channel's SOCKET", ex);
		}
		getFdVal = handle;
		return handle;
	}

	/**
	 * The protocol family a JDK channel was opened with:
	 * {@link StandardProtocolFamily#INET} for {@code open(StandardProtocolFamily.INET)}
	 * or under {@code -Djava.net.preferIPv4Stack=true}, else
	 * {@link StandardProtocolFamily#INET6} (dual-stack). Read from the channel's own
	 * {@code family} field, which {@code sun.nio.ch} (opened for {@link #socketOf}) gives
	 * access to; without that field, from the switch the JDK itself follows.
	 * @param channel a JDK channel
	 * @return its family
	 */
	static ProtocolFamily familyOf(NetworkChannel channel) {
		try {
			VarHandle family = MethodHandles.privateLookupIn(channel.getClass(), MethodHandles.lookup())
				.findVarHandle(channel.getClass(), "family", ProtocolFamily.class);
			return (ProtocolFamily) family.get(channel);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return preferIPv4Stack() ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
		}
	}

	/**
	 * Whether the JDK's channels are IPv4 only in this JVM
	 * ({@code java.net.preferIPv4Stack}, read as the JDK reads it).
	 */
	static boolean preferIPv4Stack() {
		return Boolean.parseBoolean(System.getProperty("java.net.preferIPv4Stack"));
	}

	/**
	 * The SOCKET of a channel, zero-extended from the JDK's {@code int} as the JDK does.
	 * @param channel a JDK channel, open
	 * @return its handle
	 * @throws UnsupportedPlatformException if the channel is not the JDK's own
	 */
	static SOCKET socketOf(NetworkChannel channel) {
		MethodHandle handle = handle();
		Class<?> type = SEL_CH_IMPL;
		if (type == null || !type.isInstance(channel)) {
			throw new UnsupportedPlatformException("The channel " + channel.getClass().getName()
					+ " is not one of the JDK's own; the winsock backend can only associate those");
		}
		try {
			return SOCKET.ofJdkDescriptor((int) handle.invoke(channel));
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Reading the SOCKET of " + channel + " failed", ex);
		}
	}

}
