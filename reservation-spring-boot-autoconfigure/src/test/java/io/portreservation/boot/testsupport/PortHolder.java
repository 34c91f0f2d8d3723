package io.portreservation.boot.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A second process (python3) holding one free port, until {@link #close()} (or 60 s).
 */
public final class PortHolder implements AutoCloseable {

	private final Process process;

	private final Path script;

	private final int port;

	private PortHolder(Process process, Path script, int port) {
		this.process = process;
		this.script = script;
		this.port = port;
	}

	/**
	 * Start a process that holds a free port.
	 * @return the holder
	 * @throws IOException if the process cannot be started
	 */
	public static PortHolder start() throws IOException {
		return start(false);
	}

	/**
	 * Start a process that binds a free port without listening on it, the way this
	 * library holds ports (invisible to {@code ss -tulpn}, {@code lsof} and
	 * {@code fuser}).
	 * @return the holder
	 * @throws IOException if the process cannot be started
	 */
	public static PortHolder startBound() throws IOException {
		return start(true);
	}

	private static PortHolder start(boolean boundOnly) throws IOException {
		Path script = Files.createTempFile("port_holder", ".py");
		try (InputStream in = PortHolder.class.getResourceAsStream("/port_holder.py")) {
			Files.write(script, in.readAllBytes());
		}
		Process process = new ProcessBuilder("python3", script.toString(), boundOnly ? "bound" : "listen").start();
		try {
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
			String line = reader.readLine();
			if (line == null || !line.startsWith("HOLDING ")) {
				throw new IOException("port holder failed: " + line);
			}
			return new PortHolder(process, script, Integer.parseInt(line.substring(8).trim()));
		}
		catch (IOException | RuntimeException ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

	/**
	 * The port the other process holds.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The holding process's id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	@Override
	public void close() throws IOException {
		try {
			this.process.getOutputStream().close();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.process.destroyForcibly();
			Files.deleteIfExists(this.script);
		}
	}

}
