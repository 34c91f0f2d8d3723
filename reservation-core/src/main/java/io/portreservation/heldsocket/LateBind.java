package io.portreservation.heldsocket;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;

import io.portreservation.BindLostException;

/**
 * Support for hand-offs whose window is a JDK {@code bind()} (the guarded bind of a
 * channel the caller created, and the UDP hand-off): the JDK classes that call loads are
 * loaded once beforehand (the first bind in a JVM took 15 ms of class loading, long
 * enough to lose the port), and the result is checked afterwards.
 */
final class LateBind {

	private static volatile boolean prepared;

	private LateBind() {
	}

	/**
	 * Load the classes a channel's bind and listen use, by binding a throwaway channel to
	 * an ephemeral loopback port.
	 */
	static void prepare() {
		if (prepared) {
			return;
		}
		synchronized (LateBind.class) {
			if (!prepared) {
				try (ServerSocketChannel warmUp = ServerSocketChannel.open()) {
					warmUp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
					warmUp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
					warmUp.getLocalAddress();
				}
				catch (IOException ex) {
					// the real bind reports any problem; warming up is best effort
				}
				try (DatagramChannel warmUp = DatagramChannel.open()) {
					warmUp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
					warmUp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
					warmUp.setOption(StandardSocketOptions.SO_REUSEADDR, false);
				}
				catch (IOException ex) {
					// as above
				}
				prepared = true;
			}
		}
	}

	/**
	 * Whether a bind failed because another socket has the port.
	 * @param ex the failure
	 * @return {@code true} for {@code EADDRINUSE}
	 */
	static boolean isAddressInUse(BindException ex) {
		String message = ex.getMessage();
		return message != null && message.contains("in use");
	}

	/**
	 * Check that a guarded bind landed on the leased port.
	 * @param channel the channel just bound
	 * @param port the leased port
	 * @throws IOException if the channel cannot say where it is bound
	 */
	static void verify(ServerSocketChannel channel, int port) throws IOException {
		SocketAddress local = channel.getLocalAddress();
		if (!(local instanceof InetSocketAddress inet) || inet.getPort() != port) {
			channel.close();
			throw new BindLostException(port, "The guarded bind meant for port " + port + " landed on " + local
					+ "; the channel is closed, the port stays held by the block", null);
		}
	}

}
