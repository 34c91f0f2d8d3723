package io.portreservation.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Hints for an application processed by Spring AOT: the classes Tomcat instantiates by
 * name, and what JNA loads and reflects on for the Winsock backend.
 */
class PortReservationRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		// Tomcat creates the protocol from its class name with the public no-arg
		// constructor.
		hints.reflection()
			.registerType(TypeReference.of("io.portreservation.boot.tomcat.ReservedHttp11NioProtocol"),
					MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		// JNA: its native dispatch library, and the reflection it does on its own types.
		hints.resources().registerPattern("com/sun/jna/*/libjnidispatch.*");
		hints.resources().registerPattern("com/sun/jna/*/jnidispatch.dll");
		for (String type : new String[] { "com.sun.jna.Native", "com.sun.jna.Structure", "com.sun.jna.Pointer",
				"com.sun.jna.NativeLong", "com.sun.jna.ptr.IntByReference", "com.sun.jna.CallbackReference",
				"com.sun.jna.Structure$FFIType", "com.sun.jna.Structure$FFIType$FFITypes" }) {
			hints.reflection()
				.registerType(TypeReference.of(type), MemberCategory.ACCESS_DECLARED_FIELDS,
						MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_DECLARED_METHODS);
		}
	}

}
