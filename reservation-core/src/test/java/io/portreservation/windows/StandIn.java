package io.portreservation.windows;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.jspecify.annotations.Nullable;

/**
 * The settings of the ws2_32 stand-in (src/test/native/ws2_32_standin.c): the answers
 * docs/windows.md lists as not yet measured, and failures to inject. Loaded from the same
 * library JNA uses as ws2_32, so it changes the state the backend sees.
 */
interface StandIn extends Library {

	StandIn INSTANCE = Native.load("ws2_32", StandIn.class);

	String[] KEYS = { "unassociated_bind", "outside_bind", "exhausted_bind", "after_bind", "overlap_acquire",
			"bytes_returned", "acquire", "build", "elevated", "excluded", "cross_family", "jdk_exclusive_bind" };

	void standin_set(String key, @Nullable String value);

	/**
	 * How many Winsock sockets were ever made inheritable: by {@code socket()}, or by
	 * {@code WSASocketW} without {@code WSA_FLAG_NO_HANDLE_INHERIT}.
	 * @return the count
	 */
	int standin_inheritable_created();

	/**
	 * How many {@code SIO_ACQUIRE_PORT_RESERVATION} calls reached the stand-in.
	 * @return the count
	 */
	int standin_acquire_calls();

	static void set(String key, String value) {
		INSTANCE.standin_set(key, value);
	}

	/** Back to the defaults (and the environment). */
	static void reset() {
		for (String key : KEYS) {
			INSTANCE.standin_set(key, null);
		}
	}

}
