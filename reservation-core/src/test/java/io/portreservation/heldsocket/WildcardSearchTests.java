package io.portreservation.heldsocket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.portreservation.InvalidReservationArgumentException;
import io.portreservation.PortRange;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationArgument;
import io.portreservation.ReservationRequest;
import io.portreservation.WildcardSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Where wildcard blocks land: inside the search range, never on a port to skip, never in
 * the ephemeral range; and when nothing fits, advice that is checked to work.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class WildcardSearchTests {

	private static final PortRange LINUX_EPHEMERAL = new PortRange(32768, 60999);

	@Test
	void twoHundredDefaultBlocksLieInTheDefaultRangeAndCoverNoListedPort() {
		List<PortReservation> blocks = new ArrayList<>();
		try {
			for (int i = 0; i < 200; i++) {
				blocks.add(PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 4)));
			}
			PortRange ephemeral = SearchRange.ephemeralRange();
			for (PortReservation block : blocks) {
				PortRange ports = new PortRange(block.firstPort(), block.lastPort());
				assertThat(WildcardSearch.DEFAULT_RANGE.contains(ports.first())
						&& WildcardSearch.DEFAULT_RANGE.contains(ports.last()))
					.as("%s in 10000-29999", ports)
					.isTrue();
				assertThat(ports.overlaps(ephemeral)).as("%s in the ephemeral range %s", ports, ephemeral).isFalse();
				assertThat(WildcardSearch.DEFAULT_SKIP_PORTS).noneMatch(ports::overlaps);
			}
		}
		finally {
			blocks.forEach(PortReservation::close);
		}
	}

	@Test
	void defaultSkipListHoldsTheCommonDevelopmentServicePorts() {
		WildcardSearch search = WildcardSearch.DEFAULT;
		for (int port : new int[] { 11211, 11434, 15672, 16686, 26257, 27017, 27018, 27019 }) {
			assertThat(search.skips(port)).as("skips %d", port).isTrue();
		}
	}

	@Test
	void customRangeAndSkipListAreHonoured() {
		WildcardSearch search = new WildcardSearch(new PortRange(20000, 20999),
				List.of(new PortRange(20040, 20959), PortRange.of(20005)));
		List<PortReservation> blocks = new ArrayList<>();
		try {
			for (int i = 0; i < 6; i++) {
				blocks.add(PortReservations.reserve(ReservationRequest.anyBlock(Protocol.UDP, 4).withSearch(search)));
			}
			for (PortReservation block : blocks) {
				PortRange ports = new PortRange(block.firstPort(), block.lastPort());
				assertThat(search.range().contains(ports.first()) && search.range().contains(ports.last())).isTrue();
				assertThat(search.skipPorts()).noneMatch(ports::overlaps);
			}
		}
		finally {
			blocks.forEach(PortReservation::close);
		}
	}

	@Test
	void everyStartIsTriedOnceWhenEveryBlockIsBusy() {
		WildcardSearch search = new WildcardSearch(new PortRange(20000, 20019), List.of(PortRange.of(20010)));
		SearchRange range = SearchRange.plan(search, 4, LINUX_EPHEMERAL);
		Set<Integer> tried = new HashSet<>();
		for (int start = range.first(); start >= 0; start = range.next(start)) {
			assertThat(tried.add(start)).as("start %d tried twice", start).isTrue();
		}
		// 20000-20006 and 20011-20016: a block of 4 never covers 20010
		assertThat(tried).hasSize(13).allMatch((start) -> start + 3 < 20010 || start > 20010);
	}

	@Test
	void searchesAboveALowEphemeralRangeWhenNothingFitsBelowIt() {
		SearchRange range = SearchRange.plan(WildcardSearch.DEFAULT, 16, new PortRange(1024, 1100));
		assertThat(range.searched()).isEqualTo(WildcardSearch.DEFAULT_RANGE);
		SearchRange split = SearchRange.plan(WildcardSearch.DEFAULT, 16, new PortRange(10003, 29000));
		assertThat(split.searched()).isEqualTo(new PortRange(29001, 29999));
	}

	@Test
	void staysBelowTheEphemeralStartWhenTheRangeCrossesIt() {
		WildcardSearch search = new WildcardSearch(new PortRange(30000, 40000), List.of());
		SearchRange range = SearchRange.plan(search, 16, LINUX_EPHEMERAL);
		assertThat(range.searched()).isEqualTo(new PortRange(30000, 32767));
	}

	@Test
	void adviceWhenNothingFitsIsARangeThatFitsOrAnEphemeralStartThatFrees() {
		PortRange ephemeral = new PortRange(12000, 60999);
		int count = 3000;
		InvalidReservationArgumentException refused = catchThrowableOfType(InvalidReservationArgumentException.class,
				() -> SearchRange.plan(WildcardSearch.DEFAULT, count, ephemeral));
		assertThat(refused.getArgument()).isEqualTo(ReservationArgument.SEARCH_RANGE);
		assertThat(refused.getMessage()).doesNotContain("lower").doesNotContain("timeout");
		Matcher range = Pattern.compile("such as (\\d+)-(\\d+)").matcher(refused.getAllowed());
		assertThat(range.find()).as(refused.getAllowed()).isTrue();
		WildcardSearch suggested = new WildcardSearch(
				new PortRange(Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2))),
				WildcardSearch.DEFAULT_SKIP_PORTS);
		assertThat(SearchRange.plan(suggested, count, ephemeral).searched()).isNotNull();
		Matcher sysctl = Pattern.compile("ip_local_port_range=\"(\\d+) (\\d+)\"").matcher(refused.getAllowed());
		assertThat(sysctl.find()).as(refused.getAllowed()).isTrue();
		PortRange raised = new PortRange(Integer.parseInt(sysctl.group(1)), Integer.parseInt(sysctl.group(2)));
		assertThat(raised.first()).isGreaterThan(ephemeral.first());
		assertThat(SearchRange.plan(WildcardSearch.DEFAULT, count, raised).searched().last())
			.isLessThan(raised.first());
	}

	@Test
	void aRangeInsideTheEphemeralRangeFailsAtOnceNamingTheSearchRange() {
		PortRange ephemeral = SearchRange.ephemeralRange();
		WildcardSearch inside = new WildcardSearch(new PortRange(ephemeral.first(), ephemeral.first() + 100),
				List.of());
		InvalidReservationArgumentException refused = catchThrowableOfType(InvalidReservationArgumentException.class,
				() -> PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 4).withSearch(inside)));
		assertThat(refused.getArgument()).isEqualTo(ReservationArgument.SEARCH_RANGE);
		assertThat(refused.getMessage()).startsWith("search range " + inside.range() + " is out of range")
			.contains("outside the ephemeral range " + ephemeral);
	}

}
