package io.portreservation.windows;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

import io.portreservation.windows.jna.WinsockConstants;
import io.portreservation.windows.jna.WinsockException;
import io.portreservation.windows.jna.WsaError;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;

/**
 * Finds the real cause of a failed JDK bind. On Windows the JDK reports WSAEACCES (an
 * excluded range, another process's reservation) as "Address already in use", so the
 * same bind is repeated natively, on a fresh socket associated the same way and made
 * exclusive as the JDK makes it, and the raw code is reported.
 */
final class BindDiagnosis {

	private BindDiagnosis() {
	}

	static BindException explain(Winsock winsock, IOException jdkFailure, ReservedBlock block,
			@Nullable InetAddress address, int port) {
		String where = ((address != null) ? address.getHostAddress() : "the wildcard address") + " port " + port;
		String cause;
		try {
			Outcome outcome = probe(winsock, block, address, port);
			int code = outcome.code();
			cause = !outcome.failed() ? "a native bind of the same address then succeeded, so the cause has gone"
					: "a native bind of the same address fails with " + outcome.describe() + ": "
							+ WsaError.meaning(code, WsaError.Call.BIND);
		}
		catch (WinsockException ex) {
			cause = "the native probe could not run: " + ex.getMessage();
		}
		BindException failure = new BindException("Binding " + block.protocol() + " " + where + " inside the "
				+ block.describe() + " reservation failed; the JDK said '" + jdkFailure.getMessage() + "', and "
				+ cause);
		failure.initCause(jdkFailure);
		return failure;
	}

	private static Outcome probe(Winsock winsock, ReservedBlock block, @Nullable InetAddress address, int port) {
		boolean ipv4 = block.family() == WinsockConstants.AF_INET;
		SOCKET probe = winsock.openSocket(block.protocol(), ipv4 ? WinsockConstants.AF_INET : WinsockConstants.AF_INET6);
		try {
			winsock.associate(probe, block.token(), block.describe());
			winsock.setOption(probe, WinsockConstants.SOL_SOCKET, WinsockConstants.SO_EXCLUSIVEADDRUSE, 1,
					"SO_EXCLUSIVEADDRUSE");
			if (ipv4) {
				return winsock.bindIpv4ForDiagnosis(probe, (address instanceof Inet4Address v4) ? v4 : null, port);
			}
			return winsock.bindForDiagnosis(probe, address, port);
		}
		finally {
			winsock.close(probe);
		}
	}

}
