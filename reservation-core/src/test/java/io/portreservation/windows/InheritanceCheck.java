package io.portreservation.windows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.portreservation.Backend;
import io.portreservation.BlockUnavailableException;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;

/**
 * Whether a child process keeps this JVM's reservation alive, for the Windows workflow.
 * The JDK starts every child with handle inheritance on, so an inheritable reservation
 * socket would outlive the JVM in the child.
 * <ul>
 * <li>{@code hold <file> <command...>}: reserve a TCP block of 4, serve on a lease, start
 * the command as a child (its output discarded), write {@code BLOCK <first> <count>} and
 * {@code CHILD <pid>} to the file, then halt without closing anything (as a crash would).
 * A file, not stdout: a caller reading this JVM's stdout would otherwise wait for the
 * child too.</li>
 * <li>{@code check <first> <count> <pid>}: acquire exactly that block again; print
 * {@code RELEASED} (exit 0) or {@code STILL HELD ...} (exit 1); then kill the child.</li>
 * </ul>
 */
public final class InheritanceCheck {

	private InheritanceCheck() {
	}

	public static void main(String[] args) throws Exception {
		if (args[0].equals("hold")) {
			PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 4),
					Backend.WINSOCK);
			PortLease lease = block.lease("inherited?");
			lease.openServerSocketChannel(null, 0);
			Process child = new ProcessBuilder(List.of(args).subList(2, args.length))
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			Files.writeString(Path.of(args[1]), "BLOCK " + block.firstPort() + " " + block.count()
					+ System.lineSeparator() + "CHILD " + child.pid() + System.lineSeparator(), StandardCharsets.UTF_8);
			Runtime.getRuntime().halt(0);
		}
		int first = Integer.parseInt(args[1]);
		int count = Integer.parseInt(args[2]);
		int status;
		try (PortReservation again = PortReservations.reserve(ReservationRequest.of(Protocol.TCP, first, count),
				Backend.WINSOCK)) {
			System.out.println("RELEASED: the block " + again.firstPort() + "-" + again.lastPort()
					+ " could be acquired again while the child still runs");
			status = 0;
		}
		catch (BlockUnavailableException ex) {
			System.out.println("STILL HELD while the child runs: " + ex.getMessage());
			status = 1;
		}
		finally {
			ProcessHandle.of(Long.parseLong(args[3])).ifPresent(ProcessHandle::destroyForcibly);
		}
		System.exit(status);
	}

}
