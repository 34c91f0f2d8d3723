package io.portreservation.boot.actuate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.portreservation.Backend;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import io.portreservation.spi.AbstractPortReservation;

/**
 * Real TCP blocks for the actuator tests: a listening socket on loopback holds each free
 * port. Stands in for the held-socket backend of reservation-core until that lands on
 * main; then the tests call {@code PortReservations.reserve} instead.
 */
public final class TestBlocks {

	private TestBlocks() {
	}

	public static PortReservation reserve(int count) {
		for (int attempt = 0; attempt < 50; attempt++) {
			int first = ephemeralPort();
			if (first + count - 1 > 65535) {
				continue;
			}
			Map<Integer, ServerSocketChannel> held = new ConcurrentHashMap<>();
			try {
				for (int port = first; port < first + count; port++) {
					held.put(port, hold(port));
				}
				return new Block(first, count, held);
			}
			catch (IOException ex) {
				held.values().forEach(TestBlocks::closeQuietly);
			}
		}
		throw new IllegalStateException("No free block of " + count + " ports found on loopback");
	}

	private static int ephemeralPort() {
		try (ServerSocketChannel probe = ServerSocketChannel.open()) {
			probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return ((InetSocketAddress) probe.getLocalAddress()).getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ServerSocketChannel hold(int port) throws IOException {
		ServerSocketChannel channel = ServerSocketChannel.open();
		try {
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return channel;
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw ex;
		}
	}

	private static void closeQuietly(ServerSocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// nothing to do
		}
	}

	private static final class Block extends AbstractPortReservation {

		private final Map<Integer, ServerSocketChannel> held;

		Block(int firstPort, int count, Map<Integer, ServerSocketChannel> held) {
			super(Protocol.TCP, firstPort, count, System.nanoTime() | 1);
			this.held = held;
		}

		@Override
		public Backend backend() {
			return Backend.HELD_SOCKET;
		}

		@Override
		protected ServerSocketChannel openServerSocketChannel(int port, @Nullable InetAddress address, int backlog)
				throws IOException {
			ServerSocketChannel channel = ServerSocketChannel.open();
			bindServerSocketChannel(channel, port, address, backlog);
			return channel;
		}

		@Override
		protected void bindServerSocketChannel(ServerSocketChannel channel, int port, @Nullable InetAddress address,
				int backlog) throws IOException {
			ServerSocketChannel holder = this.held.remove(port);
			if (holder != null) {
				holder.close();
			}
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			channel.bind(new InetSocketAddress((address != null) ? address : InetAddress.getLoopbackAddress(), port),
					backlog);
		}

		@Override
		protected DatagramChannel openDatagramChannel(int port, @Nullable InetAddress address) {
			throw new UnsupportedOperationException("TCP only");
		}

		@Override
		protected void portReturned(int port) {
			if (this.held.containsKey(port)) {
				return;
			}
			try {
				this.held.put(port, hold(port));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		protected boolean isBlockHeld() {
			return this.held.values().stream().allMatch(ServerSocketChannel::isOpen);
		}

		@Override
		protected void releaseBlock() {
			this.held.values().forEach(TestBlocks::closeQuietly);
		}

	}

}
