package io.portreservation.windows;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.jna.ptr.IntByReference;
import io.portreservation.Protocol;
import io.portreservation.testfixtures.ChildJvm;
import io.portreservation.testfixtures.JvmLaunch;
import io.portreservation.windows.jna.IPHlpAPI;
import io.portreservation.windows.jna.WinsockConstants;
import io.portreservation.windows.jna.WinsockException;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RANGE;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RESERVATION_INSTANCE;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RESERVATION_TOKEN;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;
import io.portreservation.windows.jna.Ws2_32;
import io.portreservation.windows.jna.WsaError;

/**
 * Measures the answers docs/windows.md lists as not yet measured, with the same native
 * calls the backend makes. On Windows the answers are Windows' own; on the stand-in they
 * are its settings, which is how this recorder itself is tested.
 *
 * <p>
 * Every answer of a call comes from its return value: "succeeds" only when the return
 * value said so, and the error JNA saved right after the call names a failure. Each such
 * {@link Outcome} is kept, so a test can check that every recorded answer agrees with the
 * return value that produced it.
 */
final class WinsockFacts {

	private final Winsock winsock = Winsock.get();

	private final Ws2_32 ws2 = Ws2_32.INSTANCE;

	private final Map<String, String> answers = new LinkedHashMap<>();

	private final Map<String, Outcome> outcomes = new LinkedHashMap<>();

	private final List<SOCKET> open = new ArrayList<>();

	static Map<String, String> measure(boolean otherProcess) throws Exception {
		return record(otherProcess).answers;
	}

	/** Measure, keeping the outcome behind each answer that came from a native call. */
	static WinsockFacts record(boolean otherProcess) throws Exception {
		WinsockFacts facts = new WinsockFacts();
		try {
			facts.run(otherProcess);
		}
		finally {
			facts.open.forEach(facts.winsock::close);
		}
		return facts;
	}

	Map<String, String> answers() {
		return this.answers;
	}

	/**
	 * The answers that came from one native call each, with the outcome that produced
	 * them.
	 */
	Map<String, Outcome> outcomes() {
		return this.outcomes;
	}

	private void put(String question, Outcome outcome) {
		this.outcomes.put(question, outcome);
		this.answers.put(question, outcome.describe());
	}

	private void run(boolean otherProcess) throws Exception {
		this.answers.put("windows build (RtlGetVersion)", Integer.toString(WindowsPlatform.build()));
		IntByReference bytes = new IntByReference(-1);
		SOCKET owner = socket(Protocol.TCP);
		INET_PORT_RESERVATION_INSTANCE block = acquire(owner, 0, 2, bytes);
		this.answers.put("ACQUIRE bytesReturned", Integer.toString(bytes.getValue()));
		this.answers.put("ACQUIRE wildcard block of 2 (TCP)", block.startPort() + "-" + (block.startPort() + 1));
		SOCKET associated = socket(Protocol.TCP);
		this.answers.put("ASSOCIATE bytesReturned",
				Integer.toString(tokenIoctl(associated, WinsockConstants.SIO_ASSOCIATE_PORT_RESERVATION, block.Token)));
		put("bind of an associated socket to a port outside the block",
				this.winsock.bindForDiagnosis(associated, null, freePort()));
		put("bind of a socket not associated, same process, into the TCP block",
				this.winsock.bindForDiagnosis(socket(Protocol.TCP), null, block.startPort()));
		INET_PORT_RESERVATION_INSTANCE udp = acquire(socket(Protocol.UDP), 0, 1, new IntByReference());
		put("bind of a socket not associated, same process, into the UDP block",
				this.winsock.bindForDiagnosis(socket(Protocol.UDP), null, udp.startPort()));
		put("ASSOCIATE of a UDP token to a TCP socket", associate(socket(Protocol.TCP), udp.Token));
		SOCKET ipv4 = this.winsock.openSocket(Protocol.TCP, IPHlpAPI.AF_INET);
		this.open.add(ipv4);
		INET_PORT_RESERVATION_INSTANCE v4Block = acquire(ipv4, 0, 1, new IntByReference());
		put("bind of a dual-stack socket (not associated) into a block acquired on AF_INET",
				this.winsock.bindForDiagnosis(socket(Protocol.TCP), null, v4Block.startPort()));
		put("ASSOCIATE of an AF_INET socket with a token acquired on AF_INET6",
				associate(this.winsock.openSocket(Protocol.TCP, IPHlpAPI.AF_INET), block.Token));
		SOCKET bound = socket(Protocol.TCP);
		this.winsock.bindForDiagnosis(bound, null, 0);
		put("ASSOCIATE after bind", associate(bound, block.Token));
		put("ACQUIRE overlapping this process's block", acquireOutcome(socket(Protocol.TCP), block.startPort(), 2));
		INET_PORT_RESERVATION_INSTANCE single = acquire(socket(Protocol.TCP), 0, 1, new IntByReference());
		SOCKET first = socket(Protocol.TCP);
		this.winsock.associate(first, single.Token, "exhaust");
		put("bind(port 0) of the first associated socket, block of 1", this.winsock.bindForDiagnosis(first, null, 0));
		SOCKET second = socket(Protocol.TCP);
		this.winsock.associate(second, single.Token, "exhaust");
		put("bind(port 0) of an associated socket, block exhausted", this.winsock.bindForDiagnosis(second, null, 0));
		if (otherProcess) {
			otherProcessBind("bind of a socket in another process into the TCP block", block.startPort());
			Map<String, Outcome> guarantee = new LinkedHashMap<>();
			GuaranteeFacts.measure(this.winsock, guarantee);
			guarantee.forEach(this::put);
		}
		this.answers.put("RELEASE bytesReturned",
				Integer.toString(tokenIoctl(owner, WinsockConstants.SIO_RELEASE_PORT_RESERVATION, block.Token)));
	}

	private SOCKET socket(Protocol protocol) {
		SOCKET socket = this.winsock.openSocket(protocol);
		this.open.add(socket);
		return socket;
	}

	private INET_PORT_RESERVATION_INSTANCE acquire(SOCKET socket, int start, int count, IntByReference bytes) {
		INET_PORT_RANGE range = INET_PORT_RANGE.of(start, count);
		INET_PORT_RESERVATION_INSTANCE instance = new INET_PORT_RESERVATION_INSTANCE();
		if (this.ws2.WSAIoctl(socket, WinsockConstants.SIO_ACQUIRE_PORT_RESERVATION, range.getPointer(), 4,
				instance.getPointer(), 16, bytes, null, null) != 0) {
			throw new WinsockException("WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION)", Winsock.lastError(),
					WsaError.Call.ACQUIRE);
		}
		instance.read();
		return instance;
	}

	private Outcome acquireOutcome(SOCKET socket, int start, int count) {
		try {
			acquire(socket, start, count, new IntByReference());
			return Outcome.SUCCEEDED;
		}
		catch (WinsockException ex) {
			return Outcome.failed(ex.getErrorCode());
		}
	}

	private int tokenIoctl(SOCKET socket, int code, long token) {
		INET_PORT_RESERVATION_TOKEN in = INET_PORT_RESERVATION_TOKEN.of(token);
		IntByReference bytes = new IntByReference(-1);
		if (this.ws2.WSAIoctl(socket, code, in.getPointer(), 8, null, 0, bytes, null, null) != 0) {
			throw new WinsockException("WSAIoctl(" + Integer.toHexString(code) + ")", Winsock.lastError(),
					WsaError.Call.ASSOCIATE);
		}
		return bytes.getValue();
	}

	private Outcome associate(SOCKET socket, long token) {
		this.open.add(socket);
		try {
			this.winsock.associate(socket, token, "facts");
			return Outcome.SUCCEEDED;
		}
		catch (WinsockException ex) {
			return Outcome.failed(ex.getErrorCode());
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket probe = new ServerSocket(0)) {
			return probe.getLocalPort();
		}
	}

	/** {@link ForeignBind} in a second JVM: the raw outcome of its native bind. */
	private void otherProcessBind(String question, int port) throws Exception {
		JvmLaunch launch = ChildJvm.launch(ForeignBind.class).standardJvm().mergeStderr().args(Integer.toString(port));
		String libraryPath = System.getProperty("jna.library.path");
		if (libraryPath != null) {
			launch.jvmArgs("-Djna.library.path=" + libraryPath);
		}
		try (ChildJvm child = launch.start()) {
			List<String> output;
			try {
				output = child.finish(Duration.ofSeconds(60));
			}
			catch (AssertionError ex) {
				this.answers.put(question, "no answer in 60 s");
				return;
			}
			String[] result = output.stream()
				.filter((line) -> line.startsWith("RESULT "))
				.findFirst()
				.map((line) -> line.split(" "))
				.orElse(null);
			if (result == null) {
				this.answers.put(question, "no result: " + output);
				return;
			}
			put(question, new Outcome(Boolean.parseBoolean(result[1]), Integer.parseInt(result[2])));
		}
	}

	/** The second process: one native bind, the raw result printed. */
	static final class ForeignBind {

		public static void main(String[] args) {
			Winsock winsock = Winsock.get();
			SOCKET socket = winsock.openSocket(Protocol.TCP);
			Outcome outcome = winsock.bindForDiagnosis(socket, null, Integer.parseInt(args[0]));
			System.out.println("RESULT " + outcome.failed() + " " + outcome.code());
			winsock.close(socket);
		}

	}

}
