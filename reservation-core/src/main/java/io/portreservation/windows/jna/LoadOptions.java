package io.portreservation.windows.jna;

import java.util.Map;

import com.sun.jna.Function;
import com.sun.jna.Library;
import io.portreservation.spi.OperatingSystem;

/**
 * How the mapping interfaces are loaded. They extend {@code StdCallLibrary} for __stdcall
 * on 32-bit Windows; off Windows (the test stand-in) JNA refuses that convention, and the
 * only one there is the C convention, so it is named explicitly.
 */
final class LoadOptions {

	private LoadOptions() {
	}

	static Map<String, Object> get() {
		return OperatingSystem.WINDOWS.isCurrent() ? Map.of()
				: Map.of(Library.OPTION_CALLING_CONVENTION, Function.C_CONVENTION);
	}

}
