package io.portreservation.heldsocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.portreservation.BindLostException;
import org.jspecify.annotations.Nullable;

/**
 * The UDP hand-off beside the holder, where the holder itself cannot be handed over
 * (without {@value DescriptorChannels#FLAG}, or for a server on one address): a fresh
 * channel joins the holder for one {@code bind()} while the holder allows
 * {@code SO_REUSEADDR}, then {@code /proc/net/udp{,6}} is checked for any other socket
 * that joined in that window. A wildcard server's own socket then becomes the port's
 * holder, so the two never tie for the server's datagrams; a server on one address wins
 * the kernel's lookup (exact address first) and leaves the holder as it is.
 */
final class GuardedDatagramBind {

	private GuardedDatagramBind() {
	}

	/**
	 * Bind a fresh channel to a held UDP port. Called under the reservation's lock.
	 * @param block the held block
	 * @param holder the port's holder
	 * @param port the port
	 * @param address the server's address, {@code null} for the wildcard address
	 * @return the bound channel
	 * @throws IOException if the channel cannot be bound
	 */
	static DatagramChannel bind(HeldBlock block, int holder, int port, @Nullable InetAddress address)
			throws IOException {
		SocketCalls calls = block.calls();
		// The JDK binds 0.0.0.0 as [::] on a dual-stack socket, like the holder.
		boolean wildcard = (address == null) || address.isAnyLocalAddress();
		int guess = DescriptorScan.lowestFree(calls, holder);
		DatagramChannel channel = DatagramChannel.open();
		try {
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			// The window: only while the holder allows SO_REUSEADDR can another socket
			// join.
			HolderHandOff.setReuseAddress(calls, holder, true, port);
			try {
				channel.bind(new InetSocketAddress(address, port));
			}
			finally {
				HolderHandOff.setReuseAddress(calls, holder, false, port);
			}
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
			int server = new DescriptorScan(calls).findDatagramSocket(guess, port, holder);
			checkNoneJoined(port, holder, server);
			if (wildcard) {
				adoptAsHolder(calls, block.udp(), port, server);
			}
			return channel;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	private static void checkNoneJoined(int port, int holder, int server) {
		if (!UdpCensus.isAvailable()) {
			return;
		}
		Set<Long> ours = new HashSet<>();
		for (int fd : new int[] { holder, server }) {
			Long inode = (fd >= 0) ? UdpCensus.inode(fd) : null;
			if (inode != null) {
				ours.add(inode);
			}
		}
		List<String> foreign = UdpCensus.foreignSockets(port, ours);
		if (!foreign.isEmpty()) {
			throw new BindLostException(port,
					"Another socket joined UDP port " + port + " with SO_REUSEADDR during the hand-off ("
							+ String.join("; ", foreign)
							+ ") and would share the server's datagrams; the server channel is closed",
					null);
		}
	}

	/**
	 * Make the server's own socket the port's holder, through a duplicate of its
	 * descriptor: the socket stays bound when the application closes its channel, and no
	 * second socket competes for the server's datagrams.
	 */
	private static void adoptAsHolder(SocketCalls calls, HeldSockets udp, int port, int server) {
		int duplicate = (server >= 0) ? calls.duplicate(server, port) : -1;
		if (duplicate < 0) {
			throw new IllegalStateException("The UDP server socket on port " + port
					+ " could not be found among this process's descriptors, so the holder cannot step aside");
		}
		udp.replace(port, duplicate);
	}

}
