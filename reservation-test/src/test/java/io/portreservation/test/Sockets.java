package io.portreservation.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;

/**
 * Plain binds, the way code that knows nothing of reservations binds a port: whether one
 * succeeds says whether the port is free.
 */
public final class Sockets {

	private Sockets() {
	}

	/**
	 * Whether a plain TCP listener can take the port on the wildcard address right now.
	 * @param port the port
	 * @return {@code true} if the bind succeeded (the socket is closed again)
	 */
	public static boolean tcpFree(int port) {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
			channel.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Whether a plain UDP socket can take the port on the wildcard address right now.
	 * @param port the port
	 * @return {@code true} if the bind succeeded (the socket is closed again)
	 */
	public static boolean udpFree(int port) {
		try (DatagramChannel channel = DatagramChannel.open()) {
			channel.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
