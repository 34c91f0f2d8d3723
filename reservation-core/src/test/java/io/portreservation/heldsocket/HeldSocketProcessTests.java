package io.portreservation.heldsocket;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.portreservation.Backend;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.testfixtures.ChildJvm;
import io.portreservation.testfixtures.PortThief;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link HeldSocketReservations} that need other processes: competing
 * reservers, a holder killed with SIGKILL, a process of another user, a process with few
 * descriptors, and processes in a network namespace of their own.
 */
@EnabledOnOs(OS.LINUX)
class HeldSocketProcessTests {

	private static final Duration LINE = Duration.ofSeconds(60);

	@Test
	void wildcardBlocksReservedBy32ProcessesAtOnceNeverOverlap() throws Exception {
		List<ChildJvm> children = new ArrayList<>();
		try {
			for (int i = 0; i < 32; i++) {
				children.add(ChildJvm.start(List.of(), ReservingChild.class, "hold", "TCP", "0", "64", "go"));
			}
			for (ChildJvm child : children) {
				assertThat(child.nextLine(LINE)).isEqualTo("READY");
			}
			for (ChildJvm child : children) {
				child.send("GO");
			}
			TreeMap<Integer, Integer> blocks = new TreeMap<>();
			for (ChildJvm child : children) {
				String line = child.nextLine(LINE);
				assertThat(line).startsWith("BLOCK ");
				String[] parts = line.split(" ");
				blocks.put(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
			}
			assertThat(blocks).hasSize(32);
			int end = 0;
			for (var block : blocks.entrySet()) {
				assertThat(block.getKey()).as("block starting at %d overlaps the one before", block.getKey())
					.isGreaterThan(end);
				assertThat(block.getValue()).isEqualTo(64);
				end = block.getKey() + block.getValue() - 1;
			}
		}
		finally {
			for (ChildJvm child : children) {
				child.close();
			}
		}
	}

	@Test
	void sigkillOfTheHolderMakesEveryPortBindableAtOnce() throws Exception {
		int first;
		int count;
		try (ChildJvm holder = ChildJvm.start(List.of(), ReservingChild.class, "hold", "TCP_UDP", "0", "1000")) {
			assertThat(holder.nextLine(LINE)).isEqualTo("READY");
			String[] block = holder.nextLine(LINE).split(" ");
			first = Integer.parseInt(block[1]);
			count = Integer.parseInt(block[2]);
			HeldSocketReservationsTests.assertTcpBindRefused(first);
			HeldSocketReservationsTests.assertUdpBindRefused(first + count - 1);
			holder.process().destroyForcibly(); // SIGKILL
			assertThat(holder.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		}
		List<NetworkChannel> rebound = new ArrayList<>();
		try {
			for (int port = first; port < first + count; port++) {
				ServerSocketChannel tcp = ServerSocketChannel.open();
				rebound.add(tcp);
				// as servers bind: a port of the range may carry another process's
				// TIME_WAIT
				tcp.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
				tcp.bind(new InetSocketAddress(port));
				DatagramChannel udp = DatagramChannel.open();
				rebound.add(udp);
				udp.bind(new InetSocketAddress(port));
			}
		}
		finally {
			for (NetworkChannel channel : rebound) {
				channel.close();
			}
		}
		assertThat(rebound).hasSize(2 * count);
	}

	@Test
	void privilegedPortsAreRefusedPreciselyToAProcessThatMayNotBindThem() throws Exception {
		assumeTrue(ChildJvm.isRoot(), "switching to another user needs root");
		try (ChildJvm nobody = ChildJvm.startAsNobody(ReservingChild.class, "request", "TCP", "80", "4")) {
			String before = nobody.nextLine(LINE);
			String result = nobody.nextLine(LINE);
			String after = nobody.nextLine(LINE);
			String newSockets = nobody.nextLine(LINE);
			assertThat(result).isEqualTo("FAILED InvalidReservationArgumentException first port 80 is out of range: "
					+ "allowed 1024..65535 for this process: binding port 80 was refused (EACCES); "
					+ "ports below 1024 need root or the CAP_NET_BIND_SERVICE capability");
			assertThat(after).as(newSockets).isEqualTo(before);
		}
		// root may: hold the first free pair of privileged ports
		for (int port = 1000; port > 900; port -= 2) {
			try (PortReservation block = PortReservations.reserve(ReservationRequest.of(Protocol.TCP, port, 2),
					Backend.HELD_SOCKET)) {
				assertThat(block.firstPort()).isEqualTo(port);
				return;
			}
			catch (io.portreservation.BlockUnavailableException ex) {
				// taken on this machine: try the next pair
			}
		}
		fail("no free privileged port pair between 901 and 1001");
	}

	@Test
	void runningOutOfDescriptorsNamesThePortsAskedForAndTheLimit() throws Exception {
		List<String> prefix = List.of("prlimit", "--nofile=200:200", "--");
		try (ChildJvm child = ChildJvm.start(prefix, ReservingChild.class, "request", "TCP", "0", "1000")) {
			String before = child.nextLine(LINE);
			String result = child.nextLine(LINE);
			String after = child.nextLine(LINE);
			String newSockets = child.nextLine(LINE);
			assertThat(result).startsWith("FAILED NativeReservationException socket() failed with EMFILE (24): "
					+ "Too many open files: holding 1000 TCP port(s) takes 1000 descriptors beside those already open, "
					+ "and the process's limit (ulimit -n) is 200; raise the limit or reserve fewer ports");
			// the description names any socket left open, for the cause
			assertThat(after).as(newSockets).isEqualTo(before);
		}
	}

	@Test
	void bindZeroAndOutgoingConnectionsInOtherProcessesNeverGetAHeldPort() throws Exception {
		assumeTrue(ChildJvm.isRoot(), "a network namespace of its own needs root");
		// A private network namespace whose ephemeral range is 40000-40127; the child
		// holds 40000-40063, so without the hold half of all automatic choices would land
		// there.
		List<String> prefix = List.of("unshare", "--net", "--", "sh", "-c",
				"ip link set lo up && echo '40000 40127' > /proc/sys/net/ipv4/ip_local_port_range && exec \"$0\" \"$@\"");
		try (ChildJvm child = ChildJvm.start(prefix, ReservingChild.class, "autobind", "40000", "40127")) {
			assertThat(child.nextLine(LINE)).isEqualTo("HELD 40000 40063");
			List<String> output = child.finish(LINE);
			assertThat(output).noneMatch((line) -> line.startsWith("GIVEN"));
			assertThat(output).contains("DONE tcp=500 udp=500 connects=500");
		}
	}

	@Test
	void aHoldCoversOneNetworkNamespace() throws Exception {
		assumeTrue(ChildJvm.isRoot(), "a network namespace of its own needs root");
		try (PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 1),
				Backend.HELD_SOCKET);
				ChildJvm sameNamespace = PortThief.launch("bindonce", Integer.toString(block.firstPort())).start();
				ChildJvm otherNamespace = PortThief.launch("bindonce", Integer.toString(block.firstPort()))
					.prefix(List.of("unshare", "--net", "--"))
					.start()) {
			assertThat(sameNamespace.nextLine(LINE)).startsWith("REFUSED");
			assertThat(otherNamespace.nextLine(LINE)).isEqualTo("BOUND");
		}
	}

}
