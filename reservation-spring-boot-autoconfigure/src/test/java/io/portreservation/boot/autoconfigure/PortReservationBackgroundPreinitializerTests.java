package io.portreservation.boot.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortReservationBackgroundPreinitializer}, each in a fresh JVM (this
 * one may have loaded JNA already): JNA's {@code jna.loaded} property says whether its
 * native library was loaded.
 */
@EnabledOnOs(OS.LINUX)
class PortReservationBackgroundPreinitializerTests {

	@Test
	void withSunNioChOpenOnLinuxJnaIsNotLoaded() throws Exception {
		assertThat(run(List.of("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"))).isEqualTo("jna.loaded=null");
	}

	@Test
	void withoutTheFlagJnaIsLoadedAhead() throws Exception {
		assertThat(run(List.of())).isEqualTo("jna.loaded=true");
	}

	private static String run(List<String> options) throws IOException, InterruptedException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java));
		if (Runtime.version().feature() >= 22) {
			command.add("--enable-native-access=ALL-UNNAMED");
		}
		command.addAll(options);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName()));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		try {
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
			return out;
		}
		finally {
			process.destroyForcibly();
		}
	}

	/** Runs the preinitializer and prints whether JNA loaded its native library. */
	static final class Child {

		public static void main(String[] args) throws Exception {
			new PortReservationBackgroundPreinitializer().preinitialize();
			System.out.println("jna.loaded=" + System.getProperty("jna.loaded"));
		}

	}

}
