package io.portreservation.boot.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.portreservation.testfixtures.ChildJvm;
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
		try (ChildJvm child = ChildJvm.launch(Child.class)
			.standardJvm()
			.jvmArgs(options.toArray(new String[0]))
			.start()) {
			return String.join("\n", child.finish(Duration.ofSeconds(60))).trim();
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
