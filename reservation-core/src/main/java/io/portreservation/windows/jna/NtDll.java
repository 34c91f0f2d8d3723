package io.portreservation.windows.jna;

import com.sun.jna.Native;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * jna-platform's {@code NtDll} plus {@code RtlGetVersion}, which reports the real build
 * number whatever the application's manifest says (GetVersionEx does not).
 */
public interface NtDll extends com.sun.jna.platform.win32.NtDll {

	/** The library, loaded on first use. */
	NtDll INSTANCE = Native.load("NtDll", NtDll.class);

	/**
	 * {@code NTSTATUS RtlGetVersion(PRTL_OSVERSIONINFOW lpVersionInformation)}.
	 * @param lpVersionInformation receives the version; its size field must be set
	 * @return STATUS_SUCCESS (0) or an NTSTATUS
	 */
	int RtlGetVersion(RTL_OSVERSIONINFOW lpVersionInformation);

	/** wdm.h {@code RTL_OSVERSIONINFOW}: 276 bytes (WCHAR is two bytes on Windows). */
	@FieldOrder({ "dwOSVersionInfoSize", "dwMajorVersion", "dwMinorVersion", "dwBuildNumber", "dwPlatformId",
			"szCSDVersion" })
	final class RTL_OSVERSIONINFOW extends Structure {

		/** The structure's size, set before the call. */
		public int dwOSVersionInfoSize;

		/** The major version. */
		public int dwMajorVersion;

		/** The minor version. */
		public int dwMinorVersion;

		/** The build number. */
		public int dwBuildNumber;

		/** The platform id. */
		public int dwPlatformId;

		/** The service pack, as UTF-16 code units. */
		public short[] szCSDVersion = new short[128];

		/** A structure with its size field set. */
		public RTL_OSVERSIONINFOW() {
			this.dwOSVersionInfoSize = size();
		}

	}

}
