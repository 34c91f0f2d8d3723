package io.portreservation.windows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.portreservation.Protocol;
import io.portreservation.testfixtures.ChildJvm;
import io.portreservation.testfixtures.JvmLaunch;
import io.portreservation.windows.jna.IPHlpAPI;
import io.portreservation.windows.jna.WinsockConstants;
import io.portreservation.windows.jna.WinsockException;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;

/**
 * Measures the guarantee itself for each {@link HolderDesign}: what a second socket of
 * this process and sockets of another process get when they bind a port of a held TCP
 * block without being associated with it (plain, SO_REUSEADDR, SO_EXCLUSIVEADDRUSE; IPv4,
 * IPv6 only, dual-stack). Each answer comes from a bind's return value, as
 * {@link Outcome}s.
 */
final class GuaranteeFacts {

	private static final String[] FAMILIES = { "IPv4", "IPv6", "dual-stack" };

	private static final String[] OPTIONS = { "plain", "SO_REUSEADDR", "SO_EXCLUSIVEADDRUSE" };

	private GuaranteeFacts() {
	}

	/**
	 * Measure both designs, putting each answer under its question.
	 * @param into receives question and outcome
	 */
	static void measure(Winsock winsock, Map<String, Outcome> into) throws Exception {
		for (HolderDesign design : HolderDesign.values()) {
			ReservedBlock block = Acquisition.acquire(winsock, Protocol.TCP, IPHlpAPI.AF_INET6, 0, 2,
					System.nanoTime() + TimeUnit.SECONDS.toNanos(30), design);
			try {
				String prefix = "holder=" + design + ": ";
				into.put(prefix + "a second socket of this process, dual-stack, plain",
						bind(winsock, "dual-stack", "plain", block.firstPort()));
				for (String line : otherProcess(block.firstPort())) {
					String[] result = line.split(" ");
					into.put(prefix + "another process, " + result[1] + ", " + result[2],
							new Outcome(Boolean.parseBoolean(result[3]), Integer.parseInt(result[4])));
				}
			}
			finally {
				block.release(winsock);
			}
		}
	}

	/**
	 * One bind of a fresh, non-associated TCP socket to the wildcard address and
	 * {@code port}.
	 */
	static Outcome bind(Winsock winsock, String family, String option, int port) {
		boolean ipv4 = family.equals("IPv4");
		SOCKET socket = winsock.openSocket(Protocol.TCP, ipv4 ? IPHlpAPI.AF_INET : IPHlpAPI.AF_INET6);
		try {
			if (family.equals("IPv6")) {
				winsock.setOption(socket, WinsockConstants.IPPROTO_IPV6, WinsockConstants.IPV6_V6ONLY, 1,
						"IPV6_V6ONLY");
			}
			if (!option.equals("plain")) {
				winsock.setOption(socket, WinsockConstants.SOL_SOCKET, option.equals("SO_REUSEADDR")
						? WinsockConstants.SO_REUSEADDR : WinsockConstants.SO_EXCLUSIVEADDRUSE, 1, option);
			}
			return ipv4 ? winsock.bindIpv4ForDiagnosis(socket, null, port)
					: winsock.bindForDiagnosis(socket, null, port);
		}
		catch (WinsockException ex) {
			return Outcome.failed(ex.getErrorCode());
		}
		finally {
			winsock.close(socket);
		}
	}

	static List<String> otherProcess(int port) throws Exception {
		JvmLaunch launch = ChildJvm.launch(Binds.class).standardJvm().mergeStderr().args(Integer.toString(port));
		String libraryPath = System.getProperty("jna.library.path");
		if (libraryPath != null) {
			launch.jvmArgs("-Djna.library.path=" + libraryPath);
		}
		try (ChildJvm child = launch.start()) {
			List<String> output = child.finish(Duration.ofSeconds(60));
			List<String> results = output.stream().filter((line) -> line.startsWith("RESULT ")).toList();
			if (results.size() != FAMILIES.length * OPTIONS.length) {
				throw new IllegalStateException("The second process answered: " + output);
			}
			return results;
		}
	}

	/**
	 * The second process: every family and option against one port, one RESULT line each.
	 */
	static final class Binds {

		public static void main(String[] args) {
			Winsock winsock = Winsock.get();
			int port = Integer.parseInt(args[0]);
			for (String family : FAMILIES) {
				for (String option : OPTIONS) {
					Outcome outcome = bind(winsock, family, option, port);
					System.out
						.println("RESULT " + family + " " + option + " " + outcome.failed() + " " + outcome.code());
				}
			}
		}

	}

}
