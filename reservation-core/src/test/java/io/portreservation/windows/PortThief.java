package io.portreservation.windows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second process that tries to take ports: for each port, a TCP listener or a UDP
 * socket on 0.0.0.0, 127.0.0.1, [::] and [::1], with and without SO_REUSEADDR. Prints
 * one line per bind that succeeded ("TAKEN ...") and "DONE".
 */
public final class PortThief {

	private static final String[] HOSTS = { "0.0.0.0", "127.0.0.1", "::", "::1" };

	private PortThief() {
	}

	public static void main(String[] args) throws IOException {
		boolean tcp = args[0].equals("tcp");
		for (int i = 1; i < args.length; i++) {
			int port = Integer.parseInt(args[i]);
			for (String host : HOSTS) {
				for (boolean reuse : new boolean[] { false, true }) {
					InetAddress address = InetAddress.getByName(host);
					boolean v4 = address.getAddress().length == 4;
					try (NetworkChannel thief = tcp
							? (v4 ? ServerSocketChannel.open(StandardProtocolFamily.INET) : ServerSocketChannel.open())
							: (v4 ? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open())) {
						thief.setOption(StandardSocketOptions.SO_REUSEADDR, reuse);
						thief.bind(new InetSocketAddress(address, port));
						System.out.println("TAKEN " + host + " " + port + " reuse=" + reuse);
					}
					catch (IOException ex) {
						// refused, as it should be while the port is reserved
					}
				}
			}
		}
		System.out.println("DONE");
	}

	/**
	 * Run the thief in a plain JVM (no stand-in preloaded) and return what it took.
	 * @param tcp TCP or UDP
	 * @param ports the ports to try
	 * @return the "TAKEN" lines
	 */
	static List<String> run(boolean tcp, int... ports) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(
				ProcessHandle.current().info().command().orElse("java"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
				"-cp", PortThief.class.getProtectionDomain().getCodeSource().getLocation().getPath(),
				PortThief.class.getName(), tcp ? "tcp" : "udp"));
		for (int port : ports) {
			command.add(Integer.toString(port));
		}
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove("LD_PRELOAD");
		Process process = builder.start();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The thief process did not finish in 60 s");
			}
			List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
			if (!lines.contains("DONE")) {
				throw new IllegalStateException("The thief process failed: " + lines);
			}
			return lines.stream().filter((line) -> line.startsWith("TAKEN")).toList();
		}
		finally {
			process.destroyForcibly();
		}
	}

}
