package io.portreservation.windows.jna;

import com.sun.jna.Native;
import io.portreservation.windows.jna.WinsockTypes.RTL_OSVERSIONINFOW;

/**
 * jna-platform's {@code NtDll} plus {@code RtlGetVersion}, which reports the real build
 * number whatever the application's manifest says (GetVersionEx does not).
 */
public interface NtDll extends com.sun.jna.platform.win32.NtDll {

	/** The library, loaded on first use. */
	NtDll INSTANCE = Native.load("NtDll", NtDll.class, LoadOptions.get());

	/**
	 * {@code NTSTATUS RtlGetVersion(PRTL_OSVERSIONINFOW lpVersionInformation)}.
	 * @param lpVersionInformation receives the version; its size field must be set
	 * @return {@code STATUS_SUCCESS} (0) or an NTSTATUS
	 */
	int RtlGetVersion(RTL_OSVERSIONINFOW lpVersionInformation);

}
