package io.portreservation.windows;

import io.portreservation.UnsupportedPlatformException;
import io.portreservation.windows.jna.NtDll;
import io.portreservation.windows.jna.WinsockTypes;

/**
 * Whether this Windows can be trusted with runtime port reservations: msquic enables them
 * only from build 17763 (Windows 10 1809, Server 2019), after a Windows bug in them was
 * fixed.
 */
final class WindowsPlatform {

	/**
	 * The first build whose reservation IOCTLs msquic trusts (Windows 10 1809, Server
	 * 2019).
	 */
	static final int FIRST_TRUSTED_BUILD = 17763;

	private WindowsPlatform() {
	}

	/**
	 * Fail on a build before {@value #FIRST_TRUSTED_BUILD}.
	 * @throws UnsupportedPlatformException saying what to do
	 */
	static void check() {
		check(build());
	}

	static void check(int build) {
		if (build < FIRST_TRUSTED_BUILD) {
			throw new UnsupportedPlatformException("This is Windows build " + build + "; runtime port reservations"
					+ " (SIO_ACQUIRE_PORT_RESERVATION) are only trusted from build " + FIRST_TRUSTED_BUILD
					+ " (Windows 10 1809, Windows Server 2019), where a Windows"
					+ " bug in them was fixed. Update Windows, or choose the held-socket backend, which holds the ports"
					+ " with ordinary sockets");
		}
	}

	/**
	 * The build number from RtlGetVersion (not affected by compatibility manifests).
	 * @return the build, 0 if Windows would not say
	 */
	static int build() {
		WinsockTypes.RTL_OSVERSIONINFOW info = new WinsockTypes.RTL_OSVERSIONINFOW();
		return (NtDll.INSTANCE.RtlGetVersion(info) == 0) ? info.dwBuildNumber : 0;
	}

}
