package io.portreservation.heldsocket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads Linux kernel settings from {@code /proc/sys}. Read line by line: {@code /proc}
 * files report a size of 0, which some ways of reading a whole file trust.
 */
final class Sysctl {

	private Sysctl() {
	}

	/**
	 * The whitespace-separated numbers of a setting.
	 * @param name the setting, such as {@code net/ipv4/ip_local_port_range}
	 * @return the numbers, or {@code null} where the setting cannot be read (not Linux)
	 */
	static int @Nullable [] read(String name) {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/sys", name));
			String[] fields = lines.get(0).trim().split("\\s+");
			int[] values = new int[fields.length];
			for (int i = 0; i < fields.length; i++) {
				values[i] = Integer.parseInt(fields[i]);
			}
			return values;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The first number of a setting.
	 * @param name the setting
	 * @param fallback the value where it cannot be read
	 * @return the value
	 */
	static int read(String name, int fallback) {
		int[] values = read(name);
		return (values != null) ? values[0] : fallback;
	}

}
