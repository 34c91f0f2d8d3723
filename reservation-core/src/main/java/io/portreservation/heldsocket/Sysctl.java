package io.portreservation.heldsocket;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

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
		// a plain stream: NIO's file channels and decoders would be loaded for this one
		// line
		try (FileInputStream in = new FileInputStream("/proc/sys/" + name)) {
			String text = new String(in.readNBytes(256), StandardCharsets.US_ASCII);
			int end = text.indexOf('\n');
			String[] fields = ((end >= 0) ? text.substring(0, end) : text).trim().split("\\s+");
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
