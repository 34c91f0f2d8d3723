package io.portreservation.boot.autoconfigure;

import io.portreservation.boot.tomcat.ReservedHttp11NioProtocol;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortReservationRuntimeHints}.
 */
class PortReservationRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void tomcatCanCreateTheReservedProtocolByName() {
		new PortReservationRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(ReservedHttp11NioProtocol.class)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(this.hints);
	}

	@Test
	void jnaCanLoadItsNativeLibrary() {
		new PortReservationRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource("com/sun/jna/linux-x86-64/libjnidispatch.so"))
			.accepts(this.hints);
	}

}
