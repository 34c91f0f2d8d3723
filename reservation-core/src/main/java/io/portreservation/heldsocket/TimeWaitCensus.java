package io.portreservation.heldsocket;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;

import org.jspecify.annotations.Nullable;

/**
 * Tells whether a TCP port that refused a plain bind is blocked by {@code TIME_WAIT}
 * entries only, which a holder may pass with {@code SO_REUSEADDR}. Linux lets a bind with
 * {@code SO_REUSEADDR} share a port with any socket that set it too and does not listen,
 * so passing on a mere {@code EADDRINUSE} could join another process's bound socket.
 * {@code /proc/net/tcp} and {@code tcp6} list the connections and listeners of this
 * network namespace (never bound-only sockets): the retry is allowed only where they show
 * the port in {@code TIME_WAIT} and in no other state. What they cannot show, a
 * bound-only {@code SO_REUSEADDR} socket on a port that also has {@code TIME_WAIT}
 * entries, remains possible. Read once per acquisition, on the first refusal; off Linux
 * (no {@code /proc/net}) every refusal is passed to the retry as before.
 */
final class TimeWaitCensus {

	private static final String TIME_WAIT = "06";

	private @Nullable BitSet timeWait;

	private @Nullable BitSet otherStates;

	private boolean unavailable;

	/**
	 * Whether only {@code TIME_WAIT} entries can have refused a plain bind of a port.
	 * @param port the port
	 * @return {@code true} if the retry with {@code SO_REUSEADDR} may be tried
	 */
	boolean onlyTimeWait(int port) {
		if (this.timeWait == null && !this.unavailable) {
			read();
		}
		if (this.unavailable) {
			return !LibCAPI.LINUX;
		}
		return this.timeWait.get(port) && !this.otherStates.get(port);
	}

	private void read() {
		BitSet waiting = new BitSet(65536);
		BitSet other = new BitSet(65536);
		int files = 0;
		for (String name : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
			try (BufferedReader in = Files.newBufferedReader(Path.of(name), StandardCharsets.US_ASCII)) {
				in.readLine(); // header
				String line;
				while ((line = in.readLine()) != null) {
					add(line, waiting, other);
				}
				files++;
			}
			catch (NoSuchFileException ex) {
				// no IPv6 (tcp6), or not Linux
			}
			catch (IOException | RuntimeException ex) {
				files = 0;
				break;
			}
		}
		this.unavailable = files == 0;
		this.timeWait = waiting;
		this.otherStates = other;
	}

	/**
	 * A line: {@code sl local_address rem_address st ...}, addresses
	 * {@code HEXADDR:HEXPORT}.
	 */
	private static void add(String line, BitSet waiting, BitSet other) {
		String[] fields = line.trim().split("\\s+", 5);
		if (fields.length < 4) {
			return;
		}
		String local = fields[1];
		int port = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
		(TIME_WAIT.equals(fields[3]) ? waiting : other).set(port);
	}

}
