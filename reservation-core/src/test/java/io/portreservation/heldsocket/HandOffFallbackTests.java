package io.portreservation.heldsocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.portreservation.testfixtures.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@value DescriptorChannels#FLAG} the backend cannot hand the holding socket
 * over: it falls back to a server socket of its own, bound beside the holder, says so
 * once at INFO naming the flag, and still serves and holds.
 */
@EnabledOnOs(OS.LINUX)
class HandOffFallbackTests {

	@Test
	void withoutTheFlagServersGetASocketOfTheirOwnAndTheLogSaysSoOnce() throws Exception {
		List<String> output = new ArrayList<>();
		try (ChildJvm child = ChildJvm.start(List.of(), FallbackChild.class)) {
			String line;
			do {
				line = child.nextLine(Duration.ofSeconds(60));
				output.add(line);
			}
			while (!line.equals("DONE"));
		}
		assertThat(output).filteredOn((line) -> line.contains(DescriptorChannels.FLAG))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("INFO")
				.contains("short SO_REUSEADDR window")
				.contains("IllegalAccessException: module java.base does not open sun.nio.ch"));
		// the listening socket is the server's own, not the holder: one descriptor
		// reaches it
		assertThat(output).filteredOn((line) -> line.startsWith("LISTENER_DESCRIPTORS"))
			.containsExactly("LISTENER_DESCRIPTORS 1", "LISTENER_DESCRIPTORS 1");
		assertThat(output).contains("UDP ok");
	}

}
