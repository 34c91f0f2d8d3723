package io.portreservation.boot.diagnostics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.portreservation.Protocol;
import org.jspecify.annotations.Nullable;

/**
 * Finds who holds a port on Linux, the way that works for every socket: the port's socket
 * inodes from {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6}, then the
 * processes whose {@code /proc/<pid>/fd} links to {@code socket:[inode]}. A bound TCP
 * socket that does not listen (how this library holds ports) is invisible to
 * {@code ss -tulpn}, {@code lsof -i} and {@code fuser} before iproute2 6.8, so they are
 * never the advice. Processes of other users are visible only to root.
 */
public final class PortHolders {

	private static final String[] TABLES = { "tcp", "tcp6", "udp", "udp6" };

	/** The TCP state of a connection that has ended ({@code TCP_TIME_WAIT}). */
	private static final String TIME_WAIT = "06";

	private PortHolders() {
	}

	/**
	 * Who holds a port.
	 * @param port the port
	 * @param protocol the protocols to look at
	 * @return what was found
	 */
	public static Lookup find(int port, Protocol protocol) {
		Set<String> inodes = new LinkedHashSet<>();
		Set<String> foundIn = new LinkedHashSet<>();
		Set<String> known = new LinkedHashSet<>();
		boolean timeWait = false;
		for (String table : TABLES) {
			boolean wanted = table.startsWith("tcp") ? protocol.includesTcp() : protocol.includesUdp();
			for (String[] fields : entries(table)) {
				known.add(fields[9]);
				if (!wanted || localPort(fields[1]) != port) {
					continue;
				}
				if ("0".equals(fields[9])) {
					timeWait |= TIME_WAIT.equals(fields[3]);
				}
				else {
					inodes.add(fields[9]);
					foundIn.add("/proc/net/" + table);
				}
			}
		}
		if (!inodes.isEmpty() || !protocol.includesTcp() || !BoundSocketProbe.isAvailable()) {
			String how = "found through " + String.join(", ", foundIn) + " (socket inode " + String.join(", ", inodes)
					+ ") and /proc/<pid>/fd";
			return new Lookup(port, List.copyOf(inodes), holders(inodes), timeWait, how, 0);
		}
		return probe(port, known, timeWait);
	}

	/**
	 * Looks at every socket that no {@code /proc/net} table lists: a TCP socket bound to
	 * the port without listening is one of them.
	 */
	private static Lookup probe(int port, Set<String> known, boolean timeWait) {
		entries("unix", 6).forEach(known::add);
		List<Holder> holders = new ArrayList<>();
		Set<String> inodes = new LinkedHashSet<>();
		int hidden = 0;
		for (Path process : processes()) {
			long pid = Long.parseLong(process.getFileName().toString());
			boolean looked = true;
			for (Path fd : sockets(process)) {
				String link = readLink(fd);
				String inode = link.substring("socket:[".length(), link.length() - 1);
				if (known.contains(inode)) {
					continue;
				}
				int bound = BoundSocketProbe.tcpPort(pid, BoundSocketProbe.number(fd));
				if (bound == -2) {
					looked = false;
					break;
				}
				if (bound == port) {
					inodes.add(inode);
					holders.add(new Holder(pid, commandLine(process)));
					break;
				}
			}
			hidden += looked ? 0 : 1;
		}
		String how = "found by reading the address of every socket no /proc/net table lists (pidfd_getfd and "
				+ "getsockname on /proc/<pid>/fd): a bound TCP socket that does not listen, which ss, lsof and fuser "
				+ "do not show";
		return new Lookup(port, List.copyOf(inodes), holders, timeWait, how, hidden);
	}

	private static List<String[]> entries(String table) {
		try (Stream<String> lines = Files.lines(Path.of("/proc/net", table))) {
			return lines.skip(1).map((line) -> line.trim().split("\\s+")).filter((f) -> f.length > 9).toList();
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	private static List<String> entries(String table, int column) {
		try (Stream<String> lines = Files.lines(Path.of("/proc/net", table))) {
			return lines.skip(1)
				.map((line) -> line.trim().split("\\s+"))
				.filter((f) -> f.length > column)
				.map((f) -> f[column])
				.toList();
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	private static List<Path> processes() {
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			return processes.filter(PortHolders::isProcess).toList();
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	private static List<Path> sockets(Path process) {
		try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
			return fds.filter((fd) -> readLink(fd).startsWith("socket:[")).toList();
		}
		catch (IOException | RuntimeException ex) {
			return List.of(); // another user's process, or gone
		}
	}

	private static int localPort(String address) {
		int colon = address.lastIndexOf(':');
		try {
			return Integer.parseInt(address.substring(colon + 1), 16);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static List<Holder> holders(Set<String> inodes) {
		if (inodes.isEmpty()) {
			return List.of();
		}
		Set<String> links = inodes.stream().map((inode) -> "socket:[" + inode + "]").collect(Collectors.toSet());
		List<Holder> holders = new ArrayList<>();
		for (Path process : processes()) {
			if (sockets(process).stream().anyMatch((fd) -> links.contains(readLink(fd)))) {
				holders.add(new Holder(Long.parseLong(process.getFileName().toString()), commandLine(process)));
			}
		}
		return holders;
	}

	private static boolean isProcess(Path path) {
		return path.getFileName().toString().chars().allMatch(Character::isDigit);
	}

	private static String readLink(Path fd) {
		try {
			return Files.readSymbolicLink(fd).toString();
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static String commandLine(Path process) {
		try {
			byte[] bytes = Files.readAllBytes(process.resolve("cmdline"));
			String line = new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').trim();
			return (line.length() > 200) ? line.substring(0, 200) + "..." : line;
		}
		catch (IOException ex) {
			return "?";
		}
	}

	/**
	 * A process holding a port.
	 *
	 * @param pid its process id
	 * @param commandLine its command line, from {@code /proc/<pid>/cmdline}
	 */
	public record Holder(long pid, String commandLine) {

		/**
		 * Whether this is the running JVM itself.
		 * @return {@code true} for this process
		 */
		public boolean isThisProcess() {
			return this.pid == ProcessHandle.current().pid();
		}

		@Override
		public String toString() {
			return "process " + this.pid + " (" + this.commandLine + ")";
		}

	}

	/**
	 * What was found about a port.
	 *
	 * @param port the port
	 * @param inodes the inodes of the sockets bound to it
	 * @param holders the processes holding those sockets that this user may see
	 * @param timeWait whether connections that ended on the port linger in TIME_WAIT
	 * @param how how the holders were found, in words
	 * @param hidden how many processes this user could not look into
	 */
	public record Lookup(int port, List<String> inodes, List<Holder> holders, boolean timeWait, String how,
			int hidden) {

		/**
		 * Whether the running JVM itself holds the port.
		 * @return {@code true} if one of the holders is this process
		 */
		public boolean heldByThisProcess() {
			return this.holders.stream().anyMatch(Holder::isThisProcess);
		}

		/**
		 * A command that lists the holders' descriptors on a stock Linux, run as root to
		 * see other users' processes; for a socket found in a {@code /proc/net} table.
		 * @return the command, or {@code null} if no socket inode is known
		 */
		public @Nullable String command() {
			if (this.inodes.isEmpty()) {
				return null;
			}
			String pattern = this.inodes.stream()
				// brackets are pattern characters
				.map((inode) -> "-lname 'socket:\\[" + inode + "\\]'")
				.collect(Collectors.joining(" -o "));
			return "find /proc/[0-9]*/fd " + ((this.inodes.size() > 1) ? "\\( " + pattern + " \\)" : pattern)
					+ " 2>/dev/null";
		}

		/**
		 * Who holds the port, in words, and how that was found.
		 * @return such as {@code held by process 1234 (python3 holder.py), found ...}, or
		 * an empty string if nothing could be found
		 */
		public String describe() {
			if (!this.holders.isEmpty()) {
				String who = this.holders.stream()
					.map((holder) -> holder.isThisProcess() ? "this application itself (process " + holder.pid() + ")"
							: holder.toString())
					.collect(Collectors.joining(" and "));
				return "held by " + who + ", " + this.how;
			}
			if (!this.inodes.isEmpty()) {
				return "held by socket inode " + String.join(", ", this.inodes) + ", whose process belongs to another "
						+ "user; as root, `" + command() + "` names it";
			}
			if (this.timeWait) {
				return "held by no process: connections that ended on it linger in TIME_WAIT (up to 60 s)";
			}
			if (this.hidden > 0) {
				return "held by a socket that does not listen, in one of " + this.hidden + " processes of other users "
						+ "(ss, lsof and fuser do not show such a socket; run the application as root, or with "
						+ "CAP_SYS_PTRACE, to have the holder named here)";
			}
			return "";
		}

	}

}
