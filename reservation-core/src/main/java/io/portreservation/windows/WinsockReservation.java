package io.portreservation.windows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;

import com.sun.jna.platform.win32.WinError;
import io.portreservation.Backend;
import io.portreservation.BindLostException;
import io.portreservation.Protocol;
import io.portreservation.UnsupportedPlatformException;
import io.portreservation.spi.AbstractPortReservation;
import io.portreservation.windows.jna.IPHlpAPI;
import io.portreservation.windows.jna.WinsockException;
import org.jspecify.annotations.Nullable;

/**
 * A block the Windows kernel holds for this process. Every hand-off is the same three
 * steps on a JDK channel: read its SOCKET, associate it with the block's token
 * (SIO_ASSOCIATE_PORT_RESERVATION), let the JDK bind the leased port. The kernel refuses
 * the block's ports to sockets not associated with it, so there is no window, and a port
 * a server closes goes back to the reservation, not to the system.
 */
final class WinsockReservation extends AbstractPortReservation {

	private final Winsock winsock;

	private final @Nullable ReservedBlock tcp;

	private final @Nullable ReservedBlock udp;

	WinsockReservation(Protocol protocol, Winsock winsock, @Nullable ReservedBlock tcp, @Nullable ReservedBlock udp) {
		super(protocol, first(tcp, udp).firstPort(), first(tcp, udp).count(), first(tcp, udp).token());
		this.winsock = winsock;
		this.tcp = tcp;
		this.udp = udp;
	}

	private static ReservedBlock first(@Nullable ReservedBlock tcp, @Nullable ReservedBlock udp) {
		ReservedBlock block = (tcp != null) ? tcp : udp;
		if (block == null) {
			throw new IllegalArgumentException("A reservation needs at least one block");
		}
		return block;
	}

	@Override
	public Backend backend() {
		return Backend.WINSOCK;
	}

	@Override
	protected void bindHandOff(ServerSocketChannel channel, int port, @Nullable InetAddress address, int backlog)
			throws IOException {
		associateAndBind(channel, block(this.tcp), port, address, backlog);
	}

	@Override
	protected void bindServerSocketChannel(ServerSocketChannel channel, int port, @Nullable InetAddress address,
			int backlog) throws IOException {
		try {
			associateAndBind(channel, block(this.tcp), port, address, backlog);
		}
		catch (IOException ex) {
			channel.close();
			throw new BindLostException(port, ex.getMessage() + "; the channel is closed, the port stays reserved", ex);
		}
		catch (RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	@Override
	protected DatagramChannel openDatagramChannel(int port, @Nullable InetAddress address) throws IOException {
		DatagramChannel channel = DatagramChannel.open();
		try {
			associateAndBind(channel, block(this.udp), port, address, 0);
			return channel;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	private ReservedBlock block(@Nullable ReservedBlock block) {
		if (block == null || !block.isHeld() || isClosed()) {
			throw new IllegalStateException("The " + this + " has been released");
		}
		return block;
	}

	private void associateAndBind(NetworkChannel channel, ReservedBlock block, int port, @Nullable InetAddress address,
			int backlog) throws IOException {
		checkFamily(channel, block, port);
		try {
			this.winsock.associate(ChannelSockets.socketOf(channel), block.token(), block.describe());
		}
		catch (WinsockException ex) {
			if (ex.getErrorCode() == WinError.WSAEACCES && block.isPersistent()) {
				throw new UnsupportedPlatformException(
						"Windows refused to associate a socket with the persistent" + " reservation " + block.describe()
								+ ": that needs an elevated member of the Administrators" + " group (" + ex.getMessage()
								+ "). Run the application elevated, or use a runtime" + " reservation instead",
						ex);
			}
			throw ex;
		}
		InetSocketAddress local = new InetSocketAddress(address, port);
		try {
			if (channel instanceof ServerSocketChannel server) {
				server.bind(local, backlog);
			}
			else {
				((DatagramChannel) channel).bind(local);
			}
		}
		catch (IOException ex) {
			throw BindDiagnosis.explain(this.winsock, ex, block, address, port);
		}
		int bound = ((InetSocketAddress) channel.getLocalAddress()).getPort();
		if (bound != port) {
			throw new BindLostException(port, "The associated channel bound port " + bound + " instead of the leased"
					+ " port " + port + " of the " + block.describe() + " reservation", null);
		}
	}

	/**
	 * Refuse a channel whose family differs from the socket the block was acquired on:
	 * whether Windows associates across families is not established, and a wrong guess
	 * would bind outside the reservation.
	 */
	private static void checkFamily(NetworkChannel channel, ReservedBlock block, int port) {
		if (block.family() == 0) {
			return; // a persistent reservation was not acquired on a socket of ours
		}
		boolean channelIpv4 = ChannelSockets.familyOf(channel) == StandardProtocolFamily.INET;
		boolean blockIpv4 = block.family() == IPHlpAPI.AF_INET;
		if (channelIpv4 != blockIpv4) {
			throw new UnsupportedPlatformException("Port " + port + " of the " + block.describe() + " reservation"
					+ " cannot be bound by an " + (channelIpv4 ? "IPv4-only (AF_INET)" : "IPv6 (AF_INET6)")
					+ " channel: the reservation was acquired on an " + (blockIpv4 ? "AF_INET" : "AF_INET6")
					+ " socket, and a reservation is only associated with channels of the family it was acquired on."
					+ " Open the channel without a protocol family (ServerSocketChannel.open(),"
					+ " DatagramChannel.open()), or run the whole JVM with -Djava.net.preferIPv4Stack=true, so that"
					+ " the reservation is acquired on AF_INET too");
		}
	}

	@Override
	protected boolean isBlockHeld() {
		return (this.tcp == null || this.tcp.isHeld()) && (this.udp == null || this.udp.isHeld());
	}

	@Override
	protected void releaseBlock() {
		if (this.tcp != null) {
			this.tcp.release(this.winsock);
		}
		if (this.udp != null) {
			this.udp.release(this.winsock);
		}
	}

}
