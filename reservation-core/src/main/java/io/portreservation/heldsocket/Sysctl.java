package io.portreservation.heldsocket;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
		// A plain stream and a hand-written split: NIO's file channels and the regex
		// engine would be loaded for this one line on a fresh JVM's first reservation.
		try (FileInputStream in = new FileInputStream("/proc/sys/" + name)) {
			String text = new String(in.readNBytes(256), StandardCharsets.US_ASCII);
			int end = text.indexOf('\n');
			return numbers((end >= 0) ? text.substring(0, end) : text);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	static int[] numbers(String line) {
		int[] values = new int[line.length() / 2 + 1];
		int count = 0;
		int i = 0;
		while (i < line.length()) {
			while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
				i++;
			}
			int start = i;
			while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
				i++;
			}
			if (i > start) {
				values[count++] = Integer.parseInt(line, start, i, 10);
			}
		}
		if (count == 0) {
			throw new NumberFormatException("No number in '" + line + "'");
		}
		return Arrays.copyOf(values, count);
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
