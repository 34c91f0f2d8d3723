package io.portreservation.heldsocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodHandles.Lookup;
import java.nio.channels.Channel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

/**
 * The calls the held-socket backend makes inside {@code java.base}, through
 * {@value #NAME}: a class of ours (source in {@code src/main/jdk}, its bytes embedded by
 * the build in {@code InternalClassFiles}) that is defined into package
 * {@code sun.nio.ch} once per JVM, where {@value DescriptorChannels#FLAG} allows it, and
 * calls {@code Net.socket}, {@code Net.bind}, the channel constructors and the rest
 * directly. The same members reached through method handles would make a fresh JVM
 * generate a class or two per call shape, about half of what its first reservation cost
 * beyond plain JDK channels. Its server channels are {@value #SERVER_CHANNEL_NAME}, the
 * JDK's own with a hook that runs when they are closed.
 *
 * <p>
 * The two sides share only JDK types: {@code ToIntFunction<int[]>} for the calls that
 * return an {@code int}, {@code BiFunction<int[], Runnable, Channel>} for the channels;
 * the array holds the call's number (the constants below, the same in {@value #NAME}) and
 * its arguments. A failure is an {@link UncheckedIOException} around the JDK's own
 * exception, whose message is the C library's text for the {@code errno}.
 */
final class InternalCalls {

	/** The class defined into {@code java.base}; the number is its calls' version. */
	static final String NAME = "sun.nio.ch.PortReservationSocketCallsV2";

	/** The server channel it creates, defined beside it. */
	static final String SERVER_CHANNEL_NAME = "sun.nio.ch.PortReservationServerChannelV2";

	/**
	 * {@code socket(AF_INET6, ...)}, dual-stack: {stream ? 1 : 0}; returns the
	 * descriptor.
	 */
	static final int SOCKET = 0;

	/** {@code bind} to the wildcard address: {fd, port}. */
	static final int BIND = 1;

	/** {@code setsockopt(SO_REUSEADDR)}: {fd, on ? 1 : 0}. */
	static final int SET_REUSE_ADDRESS = 2;

	/** {@code listen}: {fd, backlog}. */
	static final int LISTEN = 3;

	/** {@code shutdown(SHUT_RD)}: {fd}. */
	static final int SHUTDOWN_READ = 4;

	/** {@code close}: {fd}. */
	static final int CLOSE = 5;

	/** The soft limit of open descriptors: {}. */
	static final int FD_LIMIT = 6;

	/**
	 * A blocking {@code ServerSocketChannel} that owns a listening socket: {fd}, and what
	 * to run once it is closed.
	 */
	static final int SERVER_SOCKET_CHANNEL = 7;

	/** A blocking {@code DatagramChannel} that owns a bound UDP socket: {fd}. */
	static final int DATAGRAM_CHANNEL = 8;

	/** The port an IPv4 or IPv6 socket is bound to: {fd}. */
	static final int LOCAL_PORT = 9;

	/**
	 * Looks up every member the calls use: {}; throws an
	 * {@link UnsupportedOperationException} naming the first one missing.
	 */
	static final int CHECK_MEMBERS = 10;

	/**
	 * The newest JDK the suite runs on. The members {@value #NAME} calls are the same on
	 * JDK 17 to this one; on a newer JDK they are looked up before its first call, so
	 * that one whose internals differ falls back to JNA rather than fail in a call.
	 */
	static final int NEWEST_TESTED_JDK = 25;

	/** Where the classes are defined: package {@code sun.nio.ch}, with full access. */
	private static final @Nullable Lookup LOOKUP;

	private static final @Nullable Object CALLS;

	private static final @Nullable String UNAVAILABLE;

	/** Whether {@link #SERVER_CHANNEL_NAME} is defined; guarded by the class. */
	private static boolean serverChannelDefined;

	static {
		Lookup lookup = null;
		Object calls = null;
		String unavailable = null;
		try {
			lookup = MethodHandles.privateLookupIn(Class.forName("sun.nio.ch.Net", false, null),
					MethodHandles.lookup());
			calls = define(lookup);
		}
		catch (Exception | LinkageError ex) {
			// IllegalAccessException without the flag; UnsupportedOperationException (a
			// newer JDK) or a LinkageError on a JDK whose internals differ
			unavailable = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		}
		LOOKUP = lookup;
		CALLS = calls;
		UNAVAILABLE = unavailable;
	}

	private InternalCalls() {
	}

	/**
	 * Why the calls cannot be made here.
	 * @return the reason, or {@code null} if they can
	 */
	static @Nullable String unavailableReason() {
		return UNAVAILABLE;
	}

	/**
	 * Make a call that returns an {@code int}.
	 * @param call the call's number and arguments
	 * @return what it returns
	 * @throws UncheckedIOException around the JDK's exception if it fails
	 * @throws IllegalStateException if the calls cannot be made here
	 */
	@SuppressWarnings("unchecked")
	static int call(int... call) {
		return ((ToIntFunction<int[]>) require()).applyAsInt(call);
	}

	/**
	 * Make a call that returns a channel.
	 * @param call {@link #SERVER_SOCKET_CHANNEL} or {@link #DATAGRAM_CHANNEL}
	 * @param fd the descriptor the channel will own
	 * @param onClose for a server channel, what to run in the thread that closes it, once
	 * closed; {@code null} for nothing
	 * @return the channel
	 * @throws IOException if the JDK cannot read the socket's address
	 */
	@SuppressWarnings("unchecked")
	static Channel channel(int call, int fd, @Nullable Runnable onClose) throws IOException {
		Object calls = require();
		if (call == SERVER_SOCKET_CHANNEL) {
			defineServerChannel();
		}
		try {
			return ((BiFunction<int[], @Nullable Runnable, Channel>) calls).apply(new int[] { call, fd }, onClose);
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * Whether this JVM is one whose internals the suite has run against (JDK 17 to
	 * {@value #NEWEST_TESTED_JDK}): elsewhere every internal member is looked up before
	 * its first use.
	 * @return {@code true} on JDK 17 to {@value #NEWEST_TESTED_JDK}
	 */
	static boolean isTestedJdk() {
		return Runtime.version().feature() <= NEWEST_TESTED_JDK;
	}

	private static Object require() {
		Object calls = CALLS;
		if (calls == null) {
			throw new IllegalStateException(NAME + " cannot be used here: " + UNAVAILABLE);
		}
		return calls;
	}

	/** Defines {@link #NAME}, unless another copy of the library in this JVM did. */
	@SuppressWarnings("unchecked")
	private static Object define(Lookup lookup) throws Exception {
		Class<?> defined = defineOnce(lookup, NAME, InternalClassFiles.SOCKET_CALLS);
		// reflection's own constructor call, which generates no class on JDK 17 to 25
		Object calls = defined.getDeclaredConstructor().newInstance();
		if (!isTestedJdk()) {
			((ToIntFunction<int[]>) calls).applyAsInt(new int[] { CHECK_MEMBERS });
		}
		return calls;
	}

	/**
	 * Defines the server channel's class before the first server channel, which the
	 * calls' class finds by name. Not sooner: its superclass, the JDK's
	 * {@code ServerSocketChannelImpl}, and the types above it are not in the JDK's
	 * class-data archive, so defining it would make every fresh JVM's first reservation
	 * load them, whether or not a server is ever handed over.
	 */
	private static synchronized void defineServerChannel() {
		if (!serverChannelDefined) {
			try {
				defineOnce(Objects.requireNonNull(LOOKUP), SERVER_CHANNEL_NAME, InternalClassFiles.SERVER_CHANNEL);
			}
			catch (Exception | LinkageError ex) {
				throw new IllegalStateException("Could not define " + SERVER_CHANNEL_NAME + " in java.base", ex);
			}
			serverChannelDefined = true;
		}
	}

	private static Class<?> defineOnce(Lookup lookup, String name, String classFile) throws Exception {
		try {
			return Class.forName(name, false, null);
		}
		catch (ClassNotFoundException ex) {
			try {
				return lookup.defineClass(classFile.getBytes(StandardCharsets.ISO_8859_1));
			}
			catch (LinkageError raced) {
				return Class.forName(name, false, null);
			}
		}
	}

}
