package io.portreservation.test.spring;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A server that knows nothing of reservations and binds the port number it is given, as a
 * mock server or an emulator does, with the JDK's default socket options.
 */
public class SelfBindingServer implements DisposableBean {

	private final ServerSocketChannel channel;

	public SelfBindingServer(int port) throws IOException {
		this.channel = ServerSocketChannel.open();
		this.channel.bind(new InetSocketAddress(port));
	}

	public int port() throws IOException {
		return ((InetSocketAddress) this.channel.getLocalAddress()).getPort();
	}

	@Override
	public void destroy() throws IOException {
		this.channel.close();
	}

	/** Binds the server on {@code stub.port}. */
	@Configuration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		SelfBindingServer selfBindingServer(@Value("${stub.port}") int port) throws IOException {
			return new SelfBindingServer(port);
		}

	}

}
