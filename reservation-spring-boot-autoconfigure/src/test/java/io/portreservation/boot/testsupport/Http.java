package io.portreservation.boot.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.0 client on a plain socket, closed after each request, so no
 * connection pool keeps sockets open across a test's socket count.
 */
public final class Http {

	private Http() {
	}

	/**
	 * GET a path on loopback.
	 * @param port the port
	 * @param path the path
	 * @return the whole response, status line, headers and body
	 */
	public static String get(int port, String path) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + path + " on port " + port + " failed: " + ex, ex);
		}
	}

}
