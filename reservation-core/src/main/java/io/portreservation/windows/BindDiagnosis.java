package io.portreservation.windows;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;

import com.sun.jna.platform.win32.WinError;
import io.portreservation.Protocol;
import io.portreservation.windows.jna.IPHlpAPI;
import io.portreservation.windows.jna.WinsockConstants;
import io.portreservation.windows.jna.WinsockException;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;
import io.portreservation.windows.jna.WsaError;
import org.jspecify.annotations.Nullable;

/**
 * Finds the real cause of a failed JDK bind. On Windows the JDK reports WSAEACCES (an
 * excluded range, another process's reservation) as "Address already in use", so the same
 * bind is repeated natively, on a fresh socket associated the same way and made exclusive
 * as the JDK makes it, and the raw code is reported. A TCP port refused only to an
 * exclusive bind is the JDK's SO_EXCLUSIVEADDRUSE meeting a connection an earlier server
 * accepted on that port, which is said as such with the ways out.
 */
final class BindDiagnosis {

	private BindDiagnosis() {
	}

	static BindException explain(Winsock winsock, IOException jdkFailure, ReservedBlock block,
			@Nullable InetAddress address, int port) {
		String where = ((address != null) ? address.getHostAddress() : "the wildcard address") + " port " + port;
		String cause;
		try {
			Outcome outcome = probe(winsock, block, address, port, true);
			int code = outcome.code();
			if (outcome.failed() && code == WinError.WSAEADDRINUSE && block.protocol() == Protocol.TCP
					&& !probe(winsock, block, address, port, false).failed()) {
				cause = "a native bind of the same address fails with " + outcome.describe() + " when exclusive"
						+ " (SO_EXCLUSIVEADDRUSE, which the JDK on Windows sets before every bind) and succeeds"
						+ " with SO_REUSEADDR instead: a connection accepted on this port by an earlier server is most"
						+ " likely still open. Close those connections before binding the port again, lease another"
						+ " port for the new server, or start the JVM with -Dsun.net.useExclusiveBind=false";
			}
			else {
				cause = !outcome.failed() ? "a native bind of the same address then succeeded, so the cause has gone"
						: "a native bind of the same address fails with " + outcome.describe() + ": "
								+ WsaError.meaning(code, WsaError.Call.BIND);
			}
		}
		catch (WinsockException ex) {
			cause = "the native probe could not run: " + ex.getMessage();
		}
		BindException failure = new BindException(
				"Binding " + block.protocol() + " " + where + " inside the " + block.describe()
						+ " reservation failed; the JDK said '" + jdkFailure.getMessage() + "', and " + cause);
		failure.initCause(jdkFailure);
		return failure;
	}

	private static Outcome probe(Winsock winsock, ReservedBlock block, @Nullable InetAddress address, int port,
			boolean exclusive) {
		boolean ipv4 = block.family() == IPHlpAPI.AF_INET;
		SOCKET probe = winsock.openSocket(block.protocol(), ipv4 ? IPHlpAPI.AF_INET : IPHlpAPI.AF_INET6);
		try {
			winsock.associate(probe, block.token(), block.describe());
			// exclusive as the JDK binds by default; otherwise as it binds a server
			// socket under
			// -Dsun.net.useExclusiveBind=false, with SO_REUSEADDR
			winsock.setOption(probe, WinsockConstants.SOL_SOCKET,
					exclusive ? WinsockConstants.SO_EXCLUSIVEADDRUSE : WinsockConstants.SO_REUSEADDR, 1,
					exclusive ? "SO_EXCLUSIVEADDRUSE" : "SO_REUSEADDR");
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
